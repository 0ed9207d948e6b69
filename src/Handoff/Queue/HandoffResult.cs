namespace ServiceBot.Handoff.Queue;

/// <summary>
/// What an operation did. <see cref="ConversationId"/> is the conversation acted on (for a claim, the one claimed);
/// <see cref="Position"/> its place when waiting; <see cref="Load"/> the acting agent's chats afterwards (0 when no
/// agent acted); <see cref="Changes"/> every conversation whose owner changed, empty when nothing did.
/// </summary>
public sealed record HandoffResult(
    HandoffOutcome Outcome,
    string? ConversationId,
    string? Agent,
    long Position,
    long Load,
    IReadOnlyList<StatusChange> Changes)
{
    public bool IsOk => Outcome == HandoffOutcome.Ok;
}
