using System.Text;
using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>Lists the customer's refund requests with their state and what happens next; offers the next action.</summary>
public sealed class RefundProgressDialog() : Dialog(Name)
{
    public const string Name = "refund.progress";

    public override async Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options)
    {
        var turn = dc.Turn;
        var requests = (await turn.Services.Refunds.ListForCustomerAsync(turn.CustomerId, turn.Cancellation)).OrderByDescending(r => r.UpdatedAt).Take(5).ToList();
        if (requests.Count == 0)
        {
            turn.Send(turn.T("ProgressNone"), [new CardAction(turn.T("ActionFileRefund"), turn.T("ActionFileRefund"))]);
            return await dc.EndDialogAsync();
        }

        var text = new StringBuilder(turn.T("ProgressIntro"));
        foreach (var request in requests)
        {
            text.Append("\n\n").Append(turn.T("ProgressLine", request.Id, request.OrderId, RefundText.Money(request.Amount), RefundText.State(turn, request.State)))
                .Append('\n').Append(RefundText.Next(turn, request.State));
        }

        var actions = new List<CardAction>();
        if (requests.Any(r => r.State is RefundState.MerchantRejected or RefundState.MerchantCounterOffer or RefundState.MerchantOverdue))
        {
            actions.Add(new CardAction(turn.T("ActionIntervene"), turn.T("ActionIntervene")));
        }

        if (requests.Any(r => r.State == RefundState.MerchantCounterOffer))
        {
            actions.Add(new CardAction(turn.T("ActionAcceptOffer"), turn.T("ActionAcceptOffer")));
        }

        if (requests.Any(r => r.State == RefundState.AwaitingReturn))
        {
            actions.Add(new CardAction(turn.T("ActionShipReturn"), turn.T("ActionShipReturn")));
        }

        turn.Send(text.ToString(), actions);
        return await dc.EndDialogAsync();
    }
}
