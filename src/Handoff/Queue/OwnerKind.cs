namespace ServiceBot.Handoff.Queue;

/// <summary>Who is talking to the customer. Stored lowercase ("bot", "queued", "offered", "agent").</summary>
public enum OwnerKind
{
    /// <summary>The bot answers; also what no record means.</summary>
    Bot,

    /// <summary>Waiting for an agent; the bot still keeps the customer company.</summary>
    Queued,

    /// <summary>Offered to one agent, who has a few seconds to accept; still waiting for the customer.</summary>
    Offered,

    /// <summary>An agent owns it: customer messages are relayed, the bot stays silent.</summary>
    Agent,
}
