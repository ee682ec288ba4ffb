namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>The one rule of a new password typed in a form (setting one from a link, changing one): length, not composition (ASVS 6.2).</summary>
public static class PasswordRules
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;

    public static IRuleBuilderOptions<T, string> IsNewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(MinimumLength).WithMessage($"A password has at least {MinimumLength} characters.")
            .MaximumLength(MaximumLength).WithMessage($"A password has at most {MaximumLength} characters.");
}
