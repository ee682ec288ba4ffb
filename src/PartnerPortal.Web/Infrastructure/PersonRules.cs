namespace PartnerPortal.Web.Infrastructure;

/// <summary>The one home of the rules of a person's email and name typed into a form: by themselves (sign-in, setup, sign-up,
/// forgot password) or by someone adding them (Create user, an owner's invitation, a reviewer).</summary>
public static class PersonRules
{
    /// <param name="whose">Whose address the form asks for: "your", "the user's", "the owner's".</param>
    /// <param name="example">The example address, in the words of the place (an agency's, a company's).</param>
    public static IRuleBuilderOptions<T, string> IsEmail<T>(this IRuleBuilder<T, string> rule, string whose = "your", string example = "name@company.com") =>
        rule.NotEmpty().WithMessage($"Enter {whose} email address.")
            .MaximumLength(254).WithMessage("An email address has at most 254 characters.")
            .Must(EmailAddress.IsValid).WithMessage($"Enter an email address such as {example}.");

    public static IRuleBuilderOptions<T, string> IsName<T>(this IRuleBuilder<T, string> rule, string what) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage($"Enter {what}.")
            .MaximumLength(200).WithMessage("A name has at most 200 characters.");
}
