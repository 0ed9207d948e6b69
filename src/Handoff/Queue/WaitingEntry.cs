namespace ServiceBot.Handoff.Queue;

/// <summary>One line of GET /queue. <see cref="Position"/> is 1-based within its skill's line.</summary>
public sealed record WaitingEntry(
    string ConversationId,
    long WaitingSeconds,
    string Trigger,
    Priority Priority,
    Skill Skill,
    string Language,
    long Position,
    bool Offline);
