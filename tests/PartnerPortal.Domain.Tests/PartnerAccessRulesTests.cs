namespace PartnerPortal.Domain.Tests;

public class PartnerAccessRulesTests
{
    [Fact]
    public void R25_every_unmet_condition_is_named()
    {
        var partnerAsClient = Account.CreatePartner(45_200_013, "Lumen Reseller Network");

        var unmet = PartnerAccessRequest.UnmetConditions(isAdminInClient: false, isUserOfPartner: false, partnerAsClient);

        Assert.Equal(4, unmet.Count);
        Assert.Contains("You are not an admin in this client account.", unmet);
        Assert.Contains("You are not a user of the partner account.", unmet);
        Assert.Contains("The client has no paid Sales Hub or Service Hub seat.", unmet);
        Assert.Contains("The client is a partner account.", unmet);
    }

    [Fact]
    public void R25_a_paying_client_where_you_are_admin_can_be_requested()
    {
        var client = Account.CreateClient(45_000_001, "Vertex Software");
        client.SetRevenue(12_000m, paidSalesHubSeats: 0, paidServiceHubSeats: 1);

        var (outcome, request) = PartnerAccessRequest.Submit(44_000_001, client, Guid.NewGuid(), true, true, World.Now);

        Assert.True(outcome.Succeeded);
        Assert.Equal(PartnerAccessRequestState.Submitted, request!.State);
    }

    [Fact]
    public void R27_the_decision_is_expected_within_3_business_days()
    {
        var friday = new DateTimeOffset(2026, 11, 20, 16, 0, 0, TimeSpan.Zero);
        var client = Account.CreateClient(45_000_001, "Vertex Software");
        client.SetRevenue(1_000m, 1, 0);

        var (_, request) = PartnerAccessRequest.Submit(44_000_001, client, Guid.NewGuid(), true, true, friday);

        Assert.Equal(new DateOnly(2026, 11, 25), request!.DecisionDueOn); // Mon, Tue, Wed
        Assert.True(request.Decide(approve: true, Guid.NewGuid(), friday.AddDays(1)).Succeeded);
        Assert.False(request.Decide(approve: false, Guid.NewGuid(), friday.AddDays(2)).Succeeded);
    }
}
