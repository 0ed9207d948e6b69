using System.Text.RegularExpressions;
using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>Records the return shipment (carrier and tracking number) of a request that awaits the goods.</summary>
public sealed partial class ReturnShipmentDialog : ComponentDialog
{
    public const string Name = "refund.return";

    public ReturnShipmentDialog()
        : base(Name, "steps")
    {
        Inner.Add(new ChoicePrompt("choice"))
            .Add(new TextPrompt("tracking", ValidateTrackingAsync))
            .Add(new WaterfallDialog<RequestActionValues>("steps",
            [
                step => RequestChooser.ChooseAsync(step, [RefundState.AwaitingReturn], "ReturnNoneAwaiting"),
                AskCarrierAsync,
                AskTrackingAsync,
                RecordAsync,
            ]));
    }

    private static async Task<DialogTurnResult> AskCarrierAsync(WaterfallStepContext<RequestActionValues> step)
    {
        step.Values.RequestId = (string)step.Result!;
        var turn = step.Turn;
        return await step.PromptAsync("choice", new PromptOptions
        {
            Prompt = turn.T("ReturnAskCarrier", step.Values.RequestId),
            Choices = turn.T("ReturnCarriers").Split('|').Select(c => new Choice { Value = c, Title = c }).ToList(),
        });
    }

    private static async Task<DialogTurnResult> AskTrackingAsync(WaterfallStepContext<RequestActionValues> step)
    {
        step.Values.Carrier = (string)step.Result!;
        return await step.PromptAsync("tracking", new PromptOptions { Prompt = step.Turn.T("ReturnAskTracking") });
    }

    private static Task<string?> ValidateTrackingAsync(TurnContext turn, string text, PromptOptions options) =>
        Task.FromResult(TrackingNumber().IsMatch(text.Replace(" ", "", StringComparison.Ordinal)) ? null : turn.T("ReturnTrackingInvalid"));

    private static async Task<DialogTurnResult> RecordAsync(WaterfallStepContext<RequestActionValues> step)
    {
        var turn = step.Turn;
        var tracking = ((string)step.Result!).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await RefundText.TryAsync(turn, async () =>
        {
            await turn.Services.Refunds.ShipReturnAsync(turn.CustomerId, step.Values.RequestId!, step.Values.Carrier!, tracking, turn.Cancellation);
            turn.Send(turn.T("ReturnRecorded", step.Values.Carrier, tracking, turn.Services.Knowledge.Policy.GetInt("merchant_receipt_days", 7)));
        });
        return await step.EndAsync();
    }

    [GeneratedRegex("^[A-Za-z0-9]{8,20}$")]
    private static partial Regex TrackingNumber();
}
