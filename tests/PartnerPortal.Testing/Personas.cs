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
    public const string OffDomainEmployee = "emma.schmidt.design@gmail.com";
    public const string Hana = "hana.sato@brightwave.io";
    public const string Farah = "farah.khan@brightwave.io";
    public const string LumenSuperAdmin = "noah.berger@lumenreseller.com";
    public const string OrchidSuperAdmin = "chen.wei@orchidspa.com";
    public const string NordicSuperAdmin = "lars.berg@nordicoutdoor.com";
    public const string ClientSuperAdmin = "maria.lopez@harborcoffee.com";
    public const string ClientUser = "tom.baker@harborcoffee.com";
    public const string OtherPartnerSuperAdmin = "olivia.reed@crestline.co";

    /// <summary>R27: a Partner Access reviewer, Brightwave's channel consultant; in no account.</summary>
    public const string Reviewer = "rita.ramos@partnerportal.example";

    /// <summary>O1: the platform operator of the demo installation (also a Partner Access reviewer).</summary>
    public const string PlatformOperator = DemoWorld.OperatorEmail;

    public const string Password = DemoWorld.Password;

    public const long Brightwave = DemoWorld.Brightwave;
    public const long Crestline = DemoWorld.Crestline;
    public const long HarborCoffee = 45_100_001;
    public const long NordicOutdoor = 45_100_002;
    public const long GreenleafDental = 45_100_003;
    public const long AtlasFreight = 45_100_004;
    public const long Pinecrest = 45_100_006;
    public const long SummitFitness = 45_100_007;
    public const long MapleStreet = 45_100_009;
    public const long Vertex = 45_100_010;
    public const long Riverbend = 45_100_011;
    public const long Lumen = 45_200_013;
    public const long Ironwood = 45_300_001;
    public const long OrchidSpa = 45_100_012;
}
