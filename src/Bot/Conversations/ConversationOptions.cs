namespace ServiceBot.Bot.Conversations;

/// <summary>Configuration section "Conversations".</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>An idle conversation's state is dropped after this long.</summary>
    public TimeSpan IdleTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one turn may hold a conversation before another message may take over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A message redelivered within this long after it was processed is recognised and not processed again.</summary>
    public TimeSpan RedeliveryWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// "redis" (default) or "memory": for tests and the terminal chat only; it keeps every conversation for the
    /// life of the process and is not shared between instances.
    /// </summary>
    public string Store { get; set; } = "redis";

    /// <summary>True for the in-memory store; a name that is neither store is a deploy mistake, not Redis by default.</summary>
    public bool UsesMemoryStore => Store.ToUpperInvariant() switch
    {
        "MEMORY" => true,
        "REDIS" => false,
        _ => throw new InvalidOperationException($"{Section}:Store is '{Store}'; use 'redis' or 'memory'."),
    };

    /// <summary>What is wrong with these options, one line each; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Store.ToUpperInvariant() is not ("MEMORY" or "REDIS"))
        {
            yield return $"{Section}:Store is '{Store}'; use 'redis' or 'memory'.";
        }

        if (Lease < TimeSpan.FromMilliseconds(100))
        {
            yield return $"{Section}:Lease must be at least 100 ms.";
        }

        if (IdleTtl <= Lease)
        {
            yield return $"{Section}:IdleTtl must be longer than {Section}:Lease.";
        }

        if (RedeliveryWindow <= TimeSpan.Zero)
        {
            yield return $"{Section}:RedeliveryWindow must be more than 0.";
        }
    }
}
