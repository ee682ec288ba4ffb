namespace PartnerPortal.Domain.Tests;

public class LinksAndDomainsTests
{
    [Fact]
    public void R4_an_access_link_token_has_256_random_bits_and_only_its_hash_is_kept()
    {
        var (link, token) = AccessLink.Issue(44_000_001, Guid.NewGuid(), World.Now);
        var (_, other) = AccessLink.Issue(44_000_001, Guid.NewGuid(), World.Now);

        Assert.Equal(43, token.Length); // 32 bytes, base64url without padding
        Assert.NotEqual(token, other);
        Assert.DoesNotContain(token, link.TokenHash, StringComparison.Ordinal);
        Assert.Equal(AccessLink.HashOf(token), link.TokenHash);
        Assert.True(link.Matches(token));
        Assert.False(link.Matches(other));
        Assert.False(link.Matches(null));
    }

    [Fact]
    public void R4_resetting_a_link_stops_the_old_one_at_once()
    {
        var (link, old) = AccessLink.Issue(44_000_001, Guid.NewGuid(), World.Now);

        var fresh = link.Reset(World.Now.AddMinutes(1));

        Assert.False(link.Matches(old));
        Assert.True(link.Matches(fresh));
        Assert.Equal(World.Now.AddMinutes(1), link.ResetAt);
    }

    [Theory]
    [InlineData("gmail.com")]
    [InlineData("Outlook.com")]
    [InlineData("@yahoo.com")]
    public void Shared_mail_domains_cannot_be_partner_employee_email_domains(string domain)
    {
        var (outcome, created) = PartnerEmailDomain.Create(44_000_001, domain);

        Assert.False(outcome.Succeeded);
        Assert.Null(created);
        Assert.Contains("shared mail domain", outcome.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("agency")]
    [InlineData("not a domain.com")]
    [InlineData("agency..com")]
    public void A_partner_employee_email_domain_must_be_a_domain_name(string domain)
    {
        Assert.False(PartnerEmailDomain.Create(44_000_001, domain).Outcome.Succeeded);
    }

    [Fact]
    public void R7_employees_on_a_partner_domain_get_the_checkmark_and_only_a_Super_Admin_adds_domains()
    {
        var partner = Account.CreatePartner(44_000_001, "Brightwave Digital");
        var ava = World.Person("ava@brightwave.io");
        var ben = World.Person("ben@brightwave.io");
        partner.AddMember(ava, AccessType.SuperAdmin, World.Now);
        partner.AddMember(ben, AccessType.User, World.Now);
        partner.GrantPermissions(ben.Id, Permission.ClientAccessManager);

        Assert.False(partner.AddEmailDomain(ben.Id, "brightwave.io").Succeeded);
        Assert.True(partner.AddEmailDomain(ava.Id, " Brightwave.IO ").Succeeded);
        Assert.False(partner.AddEmailDomain(ava.Id, "brightwave.io").Succeeded);

        Assert.True(OnDomain(partner, "ben@brightwave.io"));
        Assert.False(OnDomain(partner, "emma.schmidt@gmail.com"));

        // Removing one: a Super Admin only, however the domain is typed; the checkmark goes with it.
        Assert.False(partner.RemoveEmailDomain(ben.Id, "brightwave.io").Succeeded);
        Assert.True(OnDomain(partner, "ben@brightwave.io"));
        Assert.Equal(Outcome.Done, partner.RemoveEmailDomain(ava.Id, " @BRIGHTWAVE.io"));
        Assert.False(OnDomain(partner, "ben@brightwave.io"));
        Assert.Equal(Outcome.Unchanged, partner.RemoveEmailDomain(ava.Id, "brightwave.io"));
    }

    [Fact]
    public void R15_Users_and_Teams_shows_Super_Admin_or_the_partner_permissions_held()
    {
        Assert.Equal("Super Admin", Permissions.DescribePartnerAccess(AccessType.SuperAdmin, Permission.None));
        Assert.Equal("Client access manager, Add and edit users",
            Permissions.DescribePartnerAccess(AccessType.User, Permission.AddAndEditUsers | Permission.ClientAccessManager | Permission.Marketing));
        Assert.Equal("No partner permissions", Permissions.DescribePartnerAccess(AccessType.User, Permission.Marketing));

        var partner = Account.CreatePartner(44_000_001, "Brightwave Digital");
        var ian = World.Person("ian@brightwave.io");
        var ivy = World.Person("ivy@brightwave.io");
        partner.AddMember(ian, AccessType.User, World.Now);
        partner.AddMember(ivy, AccessType.User, World.Now);
        partner.GrantPermissions(ian.Id, Permission.AddAndEditUsers);
        Assert.True(AccessPolicy.Holds(partner.MembershipOf(ian.Id), Right.AddAndEditUsers));
        Assert.False(AccessPolicy.Holds(partner.MembershipOf(ivy.Id), Right.AddAndEditUsers));
        Assert.False(AccessPolicy.Holds(partner.MembershipOf(ian.Id), Right.ChangeEmailDomains));
    }

    [Fact]
    public void R15_the_Partner_employee_switch_is_on_partner_accounts_only()
    {
        var partner = Account.CreatePartner(44_000_001, "Brightwave Digital");
        var ian = World.Person("ian@brightwave.io");
        var membership = partner.AddMember(ian, AccessType.User, World.Now);

        partner.TagPartnerEmployee(ian.Id, true);
        Assert.True(membership.IsPartnerEmployee);
        partner.TagPartnerEmployee(ian.Id, false);
        Assert.False(membership.IsPartnerEmployee);

        // A client account has no switch: it is a method of the partner's type only (the compiler keeps it there).
        Assert.Null(typeof(ClientAccount).GetMethod(nameof(PartnerAccount.TagPartnerEmployee)));
        Assert.Null(typeof(Account).GetMethod(nameof(PartnerAccount.TagPartnerEmployee)));
    }

    [Fact]
    public void Emails_are_kept_in_lower_case_and_must_be_addresses()
    {
        Assert.Equal("ava@brightwave.io", new User(Guid.NewGuid(), " Ava@Brightwave.IO ", "Ava").Email);
        Assert.Throws<ArgumentException>(() => new User(Guid.NewGuid(), "ava.brightwave.io", "Ava"));
        Assert.Throws<ArgumentException>(() => new User(Guid.NewGuid(), "ava@", "Ava"));
    }

    /// <summary>R7: the checkmark beside an employee's email, as the pages work it out from the partner's domains.</summary>
    private static bool OnDomain(PartnerAccount partner, string email) =>
        PartnerEmailDomain.Covers(partner.EmailDomains.Select(d => d.Domain), email);
}
