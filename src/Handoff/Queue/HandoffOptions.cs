namespace ServiceBot.Handoff.Queue;

/// <summary>Timeouts and bounds of the agent queue ("Handoff:Queue" in configuration).</summary>
public sealed class HandoffOptions
{
    public const string Section = "Handoff:Queue";

    /// <summary>An agent without a heartbeat for this long is gone: the sweep puts its chats back at the front.</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an offered agent has to accept before the conversation goes back to the front.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>An ownership record unchanged for this long expires (the customer has long gone); renewed on every change.</summary>
    public TimeSpan OwnerTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long an agent declaration lives without a heartbeat or a new declaration.</summary>
    public TimeSpan AgentTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a resolution (disposition and private note) is kept.</summary>
    public TimeSpan ResolutionTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the context snapshot of a conversation is kept after it was written.</summary>
    public TimeSpan ContextTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>At most this many conversations wait per skill; enqueue answers QueueFull beyond.</summary>
    public int MaxWaiting { get; set; } = 100_000;

    /// <summary>Recent handling and waiting times kept per skill for the estimate.</summary>
    public int Samples { get; set; } = 100;

    /// <summary>At most this many silent agents and lapsed offers per sweep (a sweep is one script: keep it short).</summary>
    public int SweepBatch { get; set; } = 100;

    /// <summary>Throws when an option cannot work, so a deploy mistake stops the start instead of the queue.</summary>
    public HandoffOptions Validate()
    {
        foreach (var (name, value) in new[] { (nameof(PresenceTimeout), PresenceTimeout), (nameof(OfferTimeout), OfferTimeout),
                     (nameof(OwnerTtl), OwnerTtl), (nameof(AgentTtl), AgentTtl), (nameof(ResolutionTtl), ResolutionTtl), (nameof(ContextTtl), ContextTtl) })
        {
            if (value < TimeSpan.FromMilliseconds(1))
            {
                throw new InvalidOperationException($"{Section}:{name} must be positive, not {value}.");
            }
        }

        if (MaxWaiting < 1 || Samples < 1 || SweepBatch < 1)
        {
            throw new InvalidOperationException($"{Section}: MaxWaiting, Samples and SweepBatch must be at least 1.");
        }

        return this;
    }
}
