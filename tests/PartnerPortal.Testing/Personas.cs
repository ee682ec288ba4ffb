using PartnerPortal.Web.Infrastructure.DemoData;

namespace PartnerPortal.Testing;

/// <summary>The demo world's people, by what they are. Hub IDs are the demo world's.</summary>
public static class Personas
{
    public const string PartnerSuperAdmin = "ava.patel@brightwave.io";
    public const string ClientAccessManager = "ben.carter@brightwave.io";
    public const string PartnerEmployeeManager = "chloe.nguyen@brightwave.io";
    public const string PlainPartnerEmployee = "diego.alvarez@brightwave.io";
    public const string UntaggedPartnerUser = "ian.brooks@brightwave.io";
    public const string ClientSuperAdmin = "maria.lopez@harborcoffee.com";
    public const string ClientUser = "tom.baker@harborcoffee.com";
    public const string OtherPartnerSuperAdmin = "olivia.reed@crestline.co";

    public const string Password = DemoWorld.Password;

    public const long Brightwave = DemoWorld.Brightwave;
    public const long Crestline = DemoWorld.Crestline;
    public const long HarborCoffee = 45_100_001;
    public const long SummitFitness = 45_100_007;
    public const long OrchidSpa = 45_100_012;
}
