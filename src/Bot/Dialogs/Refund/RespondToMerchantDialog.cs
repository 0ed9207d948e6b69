using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>
/// Answers a merchant's rejection, counter-offer or silence, as the guide advises: add evidence and negotiate
/// again, accept the counter-offer, or request platform intervention with a statement.
/// </summary>
public sealed class RespondToMerchantDialog : ComponentDialog
{
    public const string Name = "refund.respond";

    public const string Accept = "accept", AddEvidence = "evidence", Intervene = "intervene";

    private static readonly RefundState[] Answerable = [RefundState.MerchantRejected, RefundState.MerchantCounterOffer, RefundState.MerchantOverdue];

    public RespondToMerchantDialog()
        : base(Name, "steps")
    {
        Inner.Add(new ChoicePrompt("choice"))
            .Add(new TextPrompt("statement", ValidateStatementAsync))
            .Add(new AttachmentPrompt("evidence"))
            .Add(new WaterfallDialog<RequestActionValues>("steps",
            [
                step => RequestChooser.ChooseAsync(step, Answerable, "RespondNoneOpen"),
                AskActionAsync,
                AskDetailsAsync,
                ActAsync,
            ]));
    }

    /// <summary>
    /// The action a message already names (申请平台介入 → intervene, 补充凭证 → evidence), or null to ask. Accepting
    /// an offer is never taken from the message alone: it cannot be undone, and "我不接受商家的方案" names it too.
    /// </summary>
    public static string? ActionFor(string text)
    {
        var folded = Knowledge.TextNormalizer.Fold(text);
        if (TextSignals.IsNegated(folded))
        {
            return null;
        }

        return folded.Contains("介入", StringComparison.Ordinal) || folded.Contains("intervention", StringComparison.Ordinal) ? Intervene
            : folded.Contains("凭证", StringComparison.Ordinal) || folded.Contains("evidence", StringComparison.Ordinal) ? AddEvidence
            : null;
    }

    /// <summary>
    /// A statement is a few sentences about the problem, not a question: a question goes to the knowledge base
    /// (the prompt treats a refused answer as a possible digression) and the statement is asked for again.
    /// </summary>
    private static Task<string?> ValidateStatementAsync(TurnContext turn, string text, PromptOptions options)
    {
        var questionLike = text.EndsWith('?') || text.EndsWith('？') || text.EndsWith('吗');
        return Task.FromResult(text.Length < 6 || questionLike ? turn.T("RespondStatementTooShort") : null);
    }

    private static async Task<DialogTurnResult> AskActionAsync(WaterfallStepContext<RequestActionValues> step)
    {
        var turn = step.Turn;
        step.Values.RequestId = (string)step.Result!;
        var request = (await turn.Services.Refunds.GetAsync(step.Values.RequestId, turn.Cancellation))!;
        turn.Send(Situation(step, request));
        if (step.Values.Action is { } preset && (preset != AddEvidence || request.State == RefundState.MerchantRejected))
        {
            return await step.NextAsync(preset);
        }

        var actions = new List<Choice>();
        if (request is { State: RefundState.MerchantCounterOffer, CounterOffer.Amount: not null })
        {
            actions.Add(new Choice { Value = Accept, Title = turn.T("ActionAcceptOffer") });
        }

        if (request.State == RefundState.MerchantRejected)
        {
            actions.Add(new Choice { Value = AddEvidence, Title = turn.T("ActionAddEvidence") });
        }

        actions.Add(new Choice { Value = Intervene, Title = turn.T("ActionIntervene") });
        return await step.PromptAsync("choice", new PromptOptions { Prompt = turn.T("RespondAskAction"), Choices = actions });
    }

    private static async Task<DialogTurnResult> AskDetailsAsync(WaterfallStepContext<RequestActionValues> step)
    {
        var turn = step.Turn;
        step.Values.Action = (string)step.Result!;
        switch (step.Values.Action)
        {
            case Accept:
                await RefundText.TryAsync(turn, async () =>
                {
                    var accepted = await turn.Services.Refunds.AcceptCounterOfferAsync(turn.CustomerId, step.Values.RequestId!, turn.Cancellation);
                    turn.Send(turn.T("RespondAccepted", RefundText.Money(accepted.Amount)));
                });
                return await step.EndAsync();
            case AddEvidence:
                var (maxImages, maxBytes) = turn.Services.Knowledge.UploadLimits;
                return await step.PromptAsync("evidence", new PromptOptions
                {
                    Prompt = turn.T("RespondAskEvidence"),
                    Choices = [new Choice { Value = "done", Title = turn.T("ActionDone") }],
                    MaxFiles = maxImages,
                    MaxFileBytes = maxBytes,
                });
            default:
                return await step.PromptAsync("statement", new PromptOptions { Prompt = turn.T("RespondAskStatement") });
        }
    }

    private static async Task<DialogTurnResult> ActAsync(WaterfallStepContext<RequestActionValues> step)
    {
        var turn = step.Turn;
        var refunds = turn.Services.Refunds;
        if (step.Values.Action == AddEvidence)
        {
            var images = (IReadOnlyList<Attachment>)step.Result!;
            var evidence = images.Select(a => new Evidence(a.Name ?? "image", a.ContentType, a.ContentLength ?? 0, a.ContentUrl ?? "")).ToList();
            if (evidence.Count == 0)
            {
                turn.Send(turn.T("RefundEvidenceNeeded"));
                return await step.GoToAsync(2, AddEvidence);
            }

            await RefundText.TryAsync(turn, async () =>
            {
                await refunds.AddEvidenceAsync(turn.CustomerId, step.Values.RequestId!, evidence, null);
                turn.Send(turn.T("RespondEvidenceAdded", evidence.Count, turn.Services.Knowledge.Policy.GetInt("merchant_response_days", 2)));
            });
            return await step.EndAsync();
        }

        var statement = (string)step.Result!;
        await RefundText.TryAsync(turn, async () =>
        {
            await refunds.RequestInterventionAsync(turn.CustomerId, step.Values.RequestId!, statement.Length > 1000 ? statement[..1000] : statement);
            turn.Send(turn.T("RespondIntervening", turn.Services.Knowledge.Policy.GetInt("platform_review_days", 3)));
        });
        return await step.EndAsync();
    }

    private static string Situation(WaterfallStepContext<RequestActionValues> step, RefundRequest request)
    {
        var turn = step.Turn;
        return request.State switch
        {
            RefundState.MerchantRejected => turn.T("RespondSituationRejected", request.Id, RefundText.Quote(request.RejectReason)),
            RefundState.MerchantCounterOffer when request.CounterOffer is { Exchange: true } offer => turn.T("RespondSituationExchange", request.Id, RefundText.Quote(offer.Note)),
            RefundState.MerchantCounterOffer => turn.T("RespondSituationPartial", request.Id, RefundText.Money(request.CounterOffer?.Amount ?? 0), RefundText.Quote(request.CounterOffer?.Note)),
            _ => turn.T("RespondSituationOverdue", request.Id),
        };
    }
}
