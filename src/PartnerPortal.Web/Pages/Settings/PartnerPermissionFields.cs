namespace PartnerPortal.Web.Pages.Settings;

/// <summary>The partner permissions as form fields (Create user, a user's Access tab): one checkbox each, by name.</summary>
public static class PartnerPermissionFields
{
    public static readonly IReadOnlyList<(string Field, Permission Permission, string Label)> Choices =
        Permissions.Labels.Where(l => (l.Permission & Permissions.PartnerAccount) != 0)
            .Select(l => (l.Permission.ToString(), l.Permission, l.Label)).ToList();

    public static Permission Parse(IEnumerable<string> ticked) =>
        Choices.Where(c => ticked.Contains(c.Field)).Aggregate(Permission.None, (all, c) => all | c.Permission);

    public static IEnumerable<string> FieldsOf(Permission permissions) =>
        Choices.Where(c => permissions.HasFlag(c.Permission)).Select(c => c.Field);

    public static IRuleBuilderOptions<T, List<string>> ArePartnerPermissions<T>(this IRuleBuilder<T, List<string>> rule) =>
        rule.Must(p => p.Count <= Choices.Count && p.All(v => Choices.Any(c => c.Field == v)))
            .WithMessage("Permissions can be Client access manager, Partner employee management and Add and edit users.");
}

/// <summary>What the access fields show: the form's field names, whether Super Admin is offered, and what is ticked.</summary>
public sealed record PartnerAccessFields(string FieldPrefix, string IdPrefix, bool CanMakeSuperAdmins, bool SuperAdmin, IReadOnlyList<string> Ticked)
{
    public (string SuperAdmin, string Permissions) Prefix => ($"{FieldPrefix}.SuperAdmin", $"{FieldPrefix}.Permissions");
}
