namespace ServiceBot.Handoff.Tests.Queue;

/// <summary>Tests that measure the server (memory) or load it (10,000 conversations) run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QueueLoadSuite
{
    public const string Name = "Queue load";
}
