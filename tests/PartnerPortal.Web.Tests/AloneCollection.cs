namespace PartnerPortal.Web.Tests;

/// <summary>
/// Test classes that measure the whole process (its meters, its live heap) run here: after every parallel collection, one
/// at a time, so that no other test's app moves what they read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone: measures the whole process";
}
