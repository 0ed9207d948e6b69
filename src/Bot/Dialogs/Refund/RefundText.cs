using System.Globalization;
using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>Localized names of refund things (types, reasons, states, payment methods) and money formatting.</summary>
internal static class RefundText
{
    public static string Money(decimal amount) => "¥" + amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Type(TurnContext turn, RefundType type) => turn.T("RefundType_" + type);

    public static string Reason(TurnContext turn, RefundReason reason) => turn.T("RefundReason_" + reason);

    public static string State(TurnContext turn, RefundState state) => turn.T("RefundState_" + state);

    /// <summary>What happens next in a state, and what the customer can do.</summary>
    public static string Next(TurnContext turn, RefundState state) => turn.T("RefundNext_" + state);

    /// <summary>
    /// Buttons for enum values: titles from "{prefix}_{value}", other words customers use from
    /// "{prefix}Synonyms_{value}" (e.g. RefundReason_WrongSize and RefundReasonSynonyms_WrongSize).
    /// </summary>
    public static List<Choice> Choices<T>(TurnContext turn, IEnumerable<T> values, string prefix)
        where T : struct, Enum =>
        values.Select(v => new Choice
        {
            Value = v.ToString(),
            Title = turn.T($"{prefix}_{v}"),
            Synonyms = turn.T($"{prefix}Synonyms_{v}"),
        }).ToList();

    public static string Payment(TurnContext turn, PaymentMethod method) => turn.T("Payment_" + method);

    public static string OrderTitle(TurnContext turn, Order order) =>
        turn.Locale == Knowledge.Model.Locales.English ? order.TitleEn : order.Title;

    /// <summary>A one-line order description for buttons: "202406180001 · 羽绒服 · ¥399.00".</summary>
    public static string OrderLine(TurnContext turn, Order order) =>
        $"{order.Id} · {OrderTitle(turn, order)} · {Money(order.Amount)}";

    /// <summary>
    /// Runs a refund action; when the lifecycle refuses it (the merchant acted meanwhile, a window closed, the
    /// request is not in a state that allows it), tells the customer why instead of failing the turn, and returns
    /// false so the dialog can end rather than ask the same thing again.
    /// </summary>
    public static async Task<bool> TryAsync(TurnContext turn, Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (RefundTransitionException e)
        {
            turn.Send(e.Ineligible is { } reason
                ? Ineligible(turn, reason, turn.Services.Knowledge.Policy)
                : turn.T("RefundActionRefused", e.From is { } from ? State(turn, from) : "-"),
                [new(turn.T("ActionProgress"), turn.T("ActionProgress")), new(turn.T("ActionHuman"), turn.T("ActionHuman"))]);
            return false;
        }
        catch (Exception e) when (e is ArgumentException or RefundNotFoundException)
        {
            turn.Send(turn.T("RefundActionRefused", "-"), [new(turn.T("ActionProgress"), turn.T("ActionProgress"))]);
            return false;
        }
    }

    /// <summary>
    /// Text someone else wrote (a merchant's reason, the platform's note) shown inside the bot's own message:
    /// capped, and with Markdown escaped, so it cannot pose as the platform with links or formatting.
    /// </summary>
    public static string Quote(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "-";
        }

        var capped = text.Length > 300 ? text[..300] + "…" : text;
        return Knowledge.Rendering.MarkdownText.Escape(capped.ReplaceLineEndings(" "));
    }

    /// <summary>Why an order cannot be refunded, citing the rule.</summary>
    public static string Ineligible(TurnContext turn, IneligibleReason reason, Knowledge.Loading.PolicyValues policy) => reason switch
    {
        IneligibleReason.WindowPassed => turn.T("Ineligible_WindowPassed", policy.GetInt("return_window_days", 7), policy.GetInt("quality_return_days", 15)),
        IneligibleReason.ExcludedGoods => turn.T("Ineligible_ExcludedGoods", policy.Get("excluded_goods", turn.Locale) ?? ""),
        _ => turn.T("Ineligible_" + reason),
    };
}
