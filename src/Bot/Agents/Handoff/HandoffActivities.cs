using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceBot.Bot.Resources;
using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// The activities a handoff puts in front of the customer, the Bot Framework way: a readable message, and an event
/// (<c>handoff.initiate</c> with the transcript when it starts, <c>handoff.status</c> whenever the state changes)
/// for clients that show handoff state themselves.
/// </summary>
public static class HandoffActivities
{
    public const string Initiate = "handoff.initiate";
    public const string Status = "handoff.status";

    public static Activity StatusEvent(string conversationId, string state, string locale, long position = 0, TimeSpan? wait = null, string? agentName = null) =>
        Event(conversationId, Status, locale, new JsonObject
        {
            ["state"] = state,
            ["position"] = position > 0 ? position : null,
            ["estimatedWaitSeconds"] = wait is { } w ? (long)w.TotalSeconds : null,
            ["agent"] = agentName,
        });

    public static Activity InitiateEvent(string conversationId, string locale, Escalation escalation, Skill skill, IEnumerable<Activity> transcript) =>
        Event(conversationId, Initiate, locale, new JsonObject
        {
            ["trigger"] = escalation.Trigger,
            ["skill"] = skill.Name(),
            ["priority"] = escalation.Priority.ToString().ToLowerInvariant(),
            ["transcript"] = new JsonArray([.. transcript.Select(a => JsonSerializer.SerializeToNode(a, ActivityJsonContext.Default.Activity))]),
        });

    /// <summary>A message to the customer from the bot's account (an agent's own messages carry the agent's name instead).</summary>
    public static Activity Message(string conversationId, string text, string locale, IReadOnlyList<CardAction>? actions = null, string? fromName = null) =>
        Activity.Message(text, locale, actions) with
        {
            Conversation = new ConversationAccount(conversationId),
            From = fromName is null ? TurnContext.Bot : TurnContext.Bot with { Name = fromName },
        };

    /// <summary>"N ahead of you" from a 1-based position.</summary>
    public static string QueuedText(string locale, long position, TimeSpan? wait) =>
        wait is { } w
            ? BotText.Format("HandoffQueued", locale, Math.Max(0, position - 1), Math.Max(1, (int)Math.Ceiling(w.TotalMinutes)))
            : BotText.Format("HandoffQueuedNoEstimate", locale, Math.Max(0, position - 1));

    public static IReadOnlyList<CardAction> SurveyActions { get; } = [.. Enumerable.Range(1, 5).Select(n => new CardAction(n.ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    private static Activity Event(string conversationId, string name, string locale, JsonObject value) =>
        new()
        {
            Type = ActivityTypes.Event,
            Name = name,
            Locale = locale,
            Value = JsonDocument.Parse(value.ToJsonString()).RootElement.Clone(),
            Conversation = new ConversationAccount(conversationId),
            From = TurnContext.Bot,
        };
}
