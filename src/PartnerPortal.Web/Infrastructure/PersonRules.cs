using FluentValidation;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>The rules of a person's email and name typed into a form by themselves (setup, sign-up, forgot password).</summary>
public static class PersonRules
{
    public static IRuleBuilderOptions<T, string> IsEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter your email address.")
            .MaximumLength(254).WithMessage("An email address has at most 254 characters.")
            .Must(EmailAddress.IsValid).WithMessage("Enter an email address such as name@company.com.");

    public static IRuleBuilderOptions<T, string> IsName<T>(this IRuleBuilder<T, string> rule, string what) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage($"Enter {what}.")
            .MaximumLength(200).WithMessage("A name has at most 200 characters.");
}
