using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// What an agent needs on taking a conversation, gathered when it escalates: why (trigger and evidence), the
/// language, the dialog and its values, the customer's recent orders and refund requests with their history, and a
/// short extractive summary (the customer's own last words and what the bot was doing). Only this customer's data.
/// </summary>
public static class HandoffContextBuilder
{
    private const int SummaryMessages = 3;

    public static async Task<JsonObject> BuildAsync(TurnContext turn, Escalation escalation, Skill skill, IReadOnlyList<Activity> transcript, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(escalation);
        var orders = await turn.Services.Orders.RecentOrdersAsync(turn.CustomerId, 5, cancellationToken);
        var refunds = await turn.Services.Refunds.ListForCustomerAsync(turn.CustomerId, cancellationToken);
        return new JsonObject
        {
            ["customer"] = new JsonObject { ["id"] = turn.CustomerId, ["name"] = turn.Activity.From?.Name },
            ["trigger"] = escalation.Trigger,
            ["evidence"] = escalation.Evidence,
            ["language"] = turn.Locale,
            ["skill"] = skill.Name(),
            ["priority"] = escalation.Priority.ToString().ToLowerInvariant(),
            ["summary"] = Summary(turn, escalation, transcript),
            ["dialog"] = escalation.Dialog?.DeepClone(),
            ["orders"] = new JsonArray([.. orders.Select(Order)]),
            ["refunds"] = new JsonArray([.. refunds.Take(5).Select(Refund)]),
        };
    }

    private static JsonArray Summary(TurnContext turn, Escalation escalation, IReadOnlyList<Activity> transcript)
    {
        var said = transcript.Where(a => a.Type == ActivityTypes.Message && a.From?.Role == "user" && !string.IsNullOrWhiteSpace(a.Text))
            .Select(a => a.Text!.Trim()).Append(turn.Text).Where(t => t.Length > 0).Distinct().TakeLast(SummaryMessages);
        var lines = new List<string> { Resources.BotText.Format("HandoffSummaryTrigger", turn.Locale, Resources.BotText.Get("Trigger_" + escalation.Trigger.Replace('-', '_'), turn.Locale)) };
        if (escalation.Dialog?["name"]?.GetValue<string>() is { } dialog)
        {
            lines.Add(Resources.BotText.Format("HandoffSummaryDialog", turn.Locale, dialog));
        }

        lines.AddRange(said.Select(t => Resources.BotText.Format("HandoffSummarySaid", turn.Locale, t.Length > 200 ? t[..200] + "…" : t)));
        return new JsonArray([.. lines.Select(l => (JsonNode)l)]);
    }

    private static JsonObject Order(Order order) => new()
    {
        ["orderId"] = order.Id,
        ["title"] = order.Title,
        ["amount"] = order.Amount.ToString("0.00", CultureInfo.InvariantCulture),
        ["status"] = order.Status.ToString(),
        ["orderedAt"] = order.OrderedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject Refund(RefundRequest request) => new()
    {
        ["requestId"] = request.Id,
        ["orderId"] = request.OrderId,
        ["status"] = request.State.ToString(),
        ["type"] = request.Type.ToString(),
        ["amount"] = request.Amount.ToString("0.00", CultureInfo.InvariantCulture),
        ["history"] = new JsonArray([.. request.History.Select(h => (JsonNode)new JsonObject
        {
            ["at"] = h.At.ToString("O", CultureInfo.InvariantCulture),
            ["status"] = h.To.ToString(),
            ["actor"] = h.Actor.ToString(),
            ["note"] = h.Note,
        })]),
    };
}
