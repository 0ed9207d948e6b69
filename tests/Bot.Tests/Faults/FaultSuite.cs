namespace ServiceBot.Bot.Tests.Faults;

/// <summary>
/// Tests that time how the service rides out a crash or an outage run alone, after everything else: on a shared
/// two-core machine a parallel test's load would be measured along with the fault.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuite
{
    public const string Name = "faults (run alone)";
}
