using System.Text.RegularExpressions;
using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>
/// "My refund has not arrived": for each refunded request, when the money should arrive by its payment method
/// (policy), and when that time has passed, an offer of a human to trace it.
/// </summary>
public sealed partial class RefundArrivalDialog() : Dialog(Name)
{
    public const string Name = "refund.arrival";

    public override async Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options)
    {
        var turn = dc.Turn;
        var policy = turn.Services.Knowledge.Policy;
        var now = turn.Services.Time.GetUtcNow();
        var requests = await turn.Services.Refunds.ListForCustomerAsync(turn.CustomerId, turn.Cancellation);
        var refunded = requests.Where(r => r.State == RefundState.Refunded && r.RefundedAt is not null).OrderByDescending(r => r.RefundedAt).Take(3).ToList();
        if (refunded.Count == 0)
        {
            var open = requests.Where(r => r.State is not (RefundState.Cancelled or RefundState.Denied)).ToList();
            turn.Send(open.Count == 0 ? turn.T("ArrivalNoRefund") : turn.T("ArrivalNotYetRefunded", string.Concat(open.Select(r => $"\n- **{r.Id}** · {RefundText.State(turn, r.State)}"))),
                [new CardAction(turn.T("ActionProgress"), turn.T("ActionProgress"))]);
            return await dc.EndDialogAsync();
        }

        var overdue = false;
        foreach (var request in refunded)
        {
            var window = policy.Get(PolicyKey(request.PaymentMethod), turn.Locale) ?? "";
            var late = request.RefundedAt!.Value.AddDays(CalendarDays(window)) < now;
            overdue |= late;
            turn.Send(turn.T(late ? "ArrivalOverdue" : "ArrivalExpected",
                request.Id, RefundText.Money(request.Amount), RefundText.Payment(turn, request.PaymentMethod), window, request.RefundedAt.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (overdue)
        {
            turn.Send(turn.T("ArrivalOfferHuman"), [new CardAction(turn.T("ActionHuman"), turn.T("ActionHuman"))]);
        }

        return await dc.EndDialogAsync();
    }

    private static string PolicyKey(PaymentMethod method) => method switch
    {
        PaymentMethod.Balance => "arrival_balance",
        PaymentMethod.Wallet => "arrival_wallet",
        PaymentMethod.BankCard => "arrival_bank_card",
        PaymentMethod.CreditCard => "arrival_credit_card",
        _ => "arrival_pay_later",
    };

    /// <summary>The longest number of working days a policy text names ("3-7 个工作日" → 7), as calendar days.</summary>
    internal static int CalendarDays(string window)
    {
        var days = Number().Matches(window).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        return (int)Math.Ceiling(days * 7 / 5.0) + 1;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
