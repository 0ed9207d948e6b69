namespace ServiceBot.Handoff.Queue;

/// <summary>
/// Where a waiting conversation stands. <see cref="Wait"/> is null when there is nothing to base it on (no agent
/// of the skill online, or no recent handling or waiting times).
/// </summary>
public sealed record WaitEstimate(OwnerKind Kind, long Position, TimeSpan? Wait);
