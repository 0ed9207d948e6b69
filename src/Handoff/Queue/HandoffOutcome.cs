namespace ServiceBot.Handoff.Queue;

/// <summary>Business outcomes of queue and assignment operations; only Ok changed something (or confirmed it).</summary>
public enum HandoffOutcome
{
    Ok,

    /// <summary>Claim: nothing waits in the agent's skills.</summary>
    Empty,

    /// <summary>No such conversation in the queue or with an agent (the bot owns it).</summary>
    NotFound,

    /// <summary>The caller does not own the conversation (another agent does, or it is waiting).</summary>
    NotOwner,

    /// <summary>Accept: another agent got it first (or it was offered to another agent).</summary>
    Taken,

    /// <summary>The agent (the caller, or the transfer's target) has as many chats as its capacity.</summary>
    AtCapacity,

    /// <summary>The agent was never declared, or its declaration expired.</summary>
    UnknownAgent,

    /// <summary>Transfer: the target agent sends no heartbeat.</summary>
    AgentOffline,

    /// <summary>Accept of a waiting conversation outside the agent's skills.</summary>
    MissingSkill,

    /// <summary>Offer: no online agent with the skill has room; the conversation keeps waiting.</summary>
    NoAgentAvailable,

    /// <summary>Cancel or offer of a conversation that is not waiting (an agent already has it).</summary>
    NotWaiting,

    /// <summary>Enqueue: the skill's line holds its maximum; the bot should apologise and offer a ticket.</summary>
    QueueFull,
}
