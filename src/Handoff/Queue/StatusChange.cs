namespace ServiceBot.Handoff.Queue;

/// <summary>
/// One conversation whose owner changed, for the host to tell the customer (a handoff.status activity) and the
/// consoles. Operations return these rather than publishing them: the host already writes the transcript and
/// talks to the consoles, and a script that also published would pay for it on every claim.
/// </summary>
/// <param name="Agent">The agent who owns it now, or was offered it; null when nobody does.</param>
/// <param name="FromAgent">The agent who had it before, when one lost it (transfer, silence, lapsed offer); else null.</param>
/// <param name="Position">1-based place in its skill's line when it is waiting; else 0.</param>
public sealed record StatusChange(string ConversationId, OwnerKind Kind, string? Agent, string? FromAgent, long Position);
