using System.Text.Json.Nodes;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// Why a turn asks for a human, with what the agent should see first, and the dialog as it stood at that moment
/// (its collected values, e.g. a refund draft), taken before the dialog is cancelled.
/// </summary>
/// <param name="Trigger">asked, complaint, fallbacks, failed-inputs, intervention, overdue.</param>
public sealed record Escalation(string Trigger, string Evidence, Priority Priority, JsonObject? Dialog)
{
    public const string Asked = "asked";
    public const string Complaint = "complaint";
    public const string Fallbacks = "fallbacks";
    public const string FailedInputs = "failed-inputs";
    public const string Intervention = "intervention";
    public const string Overdue = "overdue";
}
