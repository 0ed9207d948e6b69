namespace ServiceBot.Handoff.Queue;

/// <summary>
/// Why and how a conversation waits for an agent, as the turn pipeline decided it.
/// </summary>
/// <param name="Trigger">What started the handoff: "asked", "fallbacks", "complaint", "intervention", "overdue", "failed-inputs"…</param>
/// <param name="Evidence">Short text an agent sees first (the customer's words, the failed inputs…); kept short.</param>
/// <param name="Offline">Enqueued outside service hours: agents will see it when they come.</param>
public sealed record HandoffRequest(
    string Trigger,
    string Evidence,
    Skill Skill,
    Priority Priority,
    string Language,
    string CustomerId,
    bool Offline = false)
{
    /// <summary>Evidence longer than this is cut: the record stays small (≤ 4 KB per waiting conversation).</summary>
    public const int MaxEvidenceLength = 500;
}
