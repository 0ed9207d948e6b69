using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>Withdraws one of the customer's open requests (撤销退款申请), after an explicit confirmation.</summary>
public sealed class WithdrawRequestDialog : ComponentDialog
{
    public const string Name = "refund.withdraw";

    /// <summary>States in which the customer may still withdraw (the lifecycle refuses the others).</summary>
    public static readonly RefundState[] Withdrawable =
        [RefundState.Submitted, RefundState.MerchantRejected, RefundState.MerchantCounterOffer, RefundState.AwaitingReturn];

    public WithdrawRequestDialog()
        : base(Name, "steps")
    {
        Inner.Add(new ChoicePrompt("choice"))
            .Add(new ConfirmPrompt("confirm"))
            .Add(new WaterfallDialog<RequestActionValues>("steps",
            [
                step => RequestChooser.ChooseAsync(step, Withdrawable, "WithdrawNoneOpen"),
                ConfirmAsync,
                WithdrawAsync,
            ]));
    }

    private static async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext<RequestActionValues> step)
    {
        var turn = step.Turn;
        step.Values.RequestId = (string)step.Result!;
        return await step.PromptAsync("confirm", new PromptOptions
        {
            Prompt = turn.T("WithdrawConfirm", step.Values.RequestId),
            Choices =
            [
                new Choice { Value = "yes", Title = turn.T("ActionWithdraw") },
                new Choice { Value = "no", Title = turn.T("ActionKeep") },
            ],
        });
    }

    private static async Task<DialogTurnResult> WithdrawAsync(WaterfallStepContext<RequestActionValues> step)
    {
        var turn = step.Turn;
        if (step.Result is not true)
        {
            turn.Send(turn.T("WithdrawKept", step.Values.RequestId));
            return await step.EndAsync();
        }

        await RefundText.TryAsync(turn, async () =>
        {
            await turn.Services.Refunds.CancelAsync(turn.CustomerId, step.Values.RequestId!, turn.Cancellation);
            turn.Send(turn.T("WithdrawDone", step.Values.RequestId));
        });
        return await step.EndAsync();
    }
}
