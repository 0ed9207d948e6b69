using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>
/// Files a refund request step by step, as the refund guide describes: order (one of mine, or a typed number;
/// eligibility explained with its rule) → type (only those that make sense) → reason (+ free text for 其他) →
/// amount (full or partial) → evidence (required for quality, damage, mismatch) → summary with submit or edit.
/// It suggests talking to the merchant first without blocking.
/// </summary>
public sealed class FileRefundDialog : ComponentDialog
{
    public const string Name = "refund.file";

    // Step indexes the waterfall jumps to, and the fields the summary can send the customer back to.
    private const int AskType = 1, AskReason = 2, AskAmount = 4, AskEvidence = 5, Summary = 7;
    private const string FieldType = "type", FieldReason = "reason", FieldAmount = "amount", FieldEvidence = "evidence";

    public FileRefundDialog()
        : base(Name, "steps")
    {
        Inner.Add(new OrderPrompt("order", ValidateOrderAsync))
            .Add(new ChoicePrompt("choice"))
            .Add(new TextPrompt("text"))
            .Add(new AmountPrompt("amount"))
            .Add(new AttachmentPrompt("evidence"))
            .Add(new ConfirmPrompt("confirm"))
            .Add(new WaterfallDialog<RefundFilingValues>("steps",
            [
                AskOrderAsync,
                AskTypeAsync,
                AskReasonAsync,
                AskReasonTextAsync,
                AskAmountAsync,
                AskEvidenceAsync,
                CollectEvidenceAsync,
                SummaryAsync,
                SubmitOrEditAsync,
                EditFieldAsync,
            ]));
    }

    private static async Task<DialogTurnResult> AskOrderAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        var turn = step.Turn;
        var orders = await turn.Services.Orders.RecentOrdersAsync(turn.CustomerId, 5, turn.Cancellation);
        turn.Send(turn.T("RefundTalkToMerchantFirst"));
        return await step.PromptAsync("order", new PromptOptions
        {
            Prompt = turn.T(orders.Count > 0 ? "RefundAskOrder" : "RefundAskOrderNumber"),
            Retry = turn.T("RefundAskOrderRetry"),
            Choices = orders.Select(o => new Choice { Value = o.Id, Title = RefundText.OrderLine(turn, o) }).ToList(),
        });
    }

    private static async Task<string?> ValidateOrderAsync(TurnContext turn, string orderId, PromptOptions options)
    {
        var order = await FindOrderAsync(turn, orderId);
        if (order is null)
        {
            return turn.T("OrderNotFound", orderId);
        }

        var eligibility = await EligibilityAsync(turn, order);
        return eligibility.Eligible ? null : RefundText.Ineligible(turn, eligibility.Reason!.Value, turn.Services.Knowledge.Policy);
    }

    private static Task<Order?> FindOrderAsync(TurnContext turn, string orderId) =>
        turn.OncePerTurn("order:" + orderId, () => turn.Services.Orders.FindAsync(turn.CustomerId, orderId, turn.Cancellation));

    private static Task<Eligibility> EligibilityAsync(TurnContext turn, Order order) =>
        turn.OncePerTurn("eligibility:" + order.Id, () => turn.Services.Refunds.CheckEligibilityAsync(order, turn.Cancellation));

    private static async Task<DialogTurnResult> AskTypeAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        var turn = step.Turn;
        if (step.Result is string orderId)
        {
            var order = (await FindOrderAsync(turn, orderId))!;
            var eligibility = await EligibilityAsync(turn, order);
            step.Values.OrderId = order.Id;
            step.Values.Paid = order.Amount;
            step.Values.AllowedTypes = [.. eligibility.AllowedTypes];
            step.Values.AllowedReasons = [.. eligibility.AllowedReasons];
            turn.Send(turn.T("RefundOrderChosen", RefundText.OrderLine(turn, order)));
            if (eligibility.Reason == IneligibleReason.ExcludedGoods)
            {
                turn.Send(RefundText.Ineligible(turn, IneligibleReason.ExcludedGoods, turn.Services.Knowledge.Policy));
            }
        }

        if (step.Values.AllowedTypes.Count == 1)
        {
            step.Values.Type = step.Values.AllowedTypes[0];
            turn.Send(turn.T("RefundOnlyTypeAvailable", RefundText.Type(turn, step.Values.Type.Value)));
            return await step.NextAsync();
        }

        return await step.PromptAsync("choice", new PromptOptions
        {
            Prompt = turn.T("RefundAskType"),
            Choices = RefundText.Choices(turn, step.Values.AllowedTypes, "RefundType"),
        });
    }

    private static async Task<DialogTurnResult> AskReasonAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        var turn = step.Turn;
        if (step.Result is string type)
        {
            step.Values.Type = Enum.Parse<RefundType>(type);
            if (step.Values.Editing == FieldType)
            {
                return await step.GoToAsync(Summary);
            }
        }

        return await step.PromptAsync("choice", new PromptOptions
        {
            Prompt = turn.T("RefundAskReason"),
            Choices = RefundText.Choices(turn, step.Values.AllowedReasons, "RefundReason"),
        });
    }

    private static async Task<DialogTurnResult> AskReasonTextAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        step.Values.Reason = Enum.Parse<RefundReason>((string)step.Result!);
        step.Values.ReasonText = null;
        if (step.Values.Reason != RefundReason.Other)
        {
            return await step.NextAsync();
        }

        return await step.PromptAsync("text", new PromptOptions { Prompt = step.Turn.T("RefundAskReasonText") });
    }

    private static async Task<DialogTurnResult> AskAmountAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        var turn = step.Turn;
        if (step.Result is string reasonText)
        {
            step.Values.ReasonText = reasonText.Length > 500 ? reasonText[..500] : reasonText;
        }

        if (step.Values.Editing == FieldReason)
        {
            return await step.GoToAsync(step.Values.EvidenceRequired && step.Values.Evidence.Count == 0 ? AskEvidence : Summary);
        }

        return await step.PromptAsync("amount", new PromptOptions
        {
            Prompt = turn.T("RefundAskAmount", RefundText.Money(step.Values.Paid)),
            Max = step.Values.Paid,
            Choices = [new Choice { Value = "full", Title = turn.T("RefundFullAmount") }],
        });
    }

    private static async Task<DialogTurnResult> AskEvidenceAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        var turn = step.Turn;
        if (step.Result is decimal amount)
        {
            step.Values.Amount = amount;
            if (step.Values.Editing == FieldAmount)
            {
                return await step.GoToAsync(Summary);
            }
        }

        var count = step.Values.Evidence.Count;
        var (maxImages, maxBytes) = turn.Services.Knowledge.UploadLimits;
        var prompt = count > 0 ? turn.T("RefundEvidenceReceived", count, maxImages)
            : turn.T(step.Values.EvidenceRequired ? "RefundAskEvidenceRequired" : "RefundAskEvidenceOptional", maxImages);
        return await step.PromptAsync("evidence", new PromptOptions
        {
            Prompt = prompt,
            Choices = [new Choice { Value = "done", Title = turn.T(step.Values.EvidenceRequired || count > 0 ? "ActionDone" : "ActionSkip") }],
            MaxFiles = maxImages,
            MaxFileBytes = maxBytes,
        });
    }

    private static async Task<DialogTurnResult> CollectEvidenceAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        var turn = step.Turn;
        var images = (IReadOnlyList<Attachment>)step.Result!;
        var maxImages = turn.Services.Knowledge.UploadLimits.Images;
        var room = Math.Max(maxImages - step.Values.Evidence.Count, 0);
        if (images.Count > room)
        {
            turn.Send(turn.T("RefundEvidenceTrimmed", maxImages, images.Count - room));
        }

        foreach (var image in images.Take(room))
        {
            step.Values.Evidence.Add(new Evidence(image.Name ?? "image", image.ContentType, image.ContentLength ?? 0, image.ContentUrl ?? ""));
        }

        var finished = images.Count == 0 || step.Values.Evidence.Count >= maxImages;
        if (finished && step.Values.EvidenceRequired && step.Values.Evidence.Count == 0)
        {
            turn.Send(turn.T("RefundEvidenceNeeded"));
            return await step.GoToAsync(AskEvidence);
        }

        return finished ? await step.NextAsync() : await step.GoToAsync(AskEvidence);
    }

    private static async Task<DialogTurnResult> SummaryAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        var turn = step.Turn;
        step.Values.Editing = null;
        var v = step.Values;
        var reason = RefundText.Reason(turn, v.Reason!.Value) + (v.ReasonText is { } text ? $"（{text}）" : "");
        return await step.PromptAsync("confirm", new PromptOptions
        {
            Prompt = turn.T("RefundSummary", v.OrderId, RefundText.Type(turn, v.Type!.Value), reason, RefundText.Money(v.Amount!.Value), v.Evidence.Count),
            Choices =
            [
                new Choice { Value = "submit", Title = turn.T("ActionSubmit") },
                new Choice { Value = "edit", Title = turn.T("ActionEdit") },
            ],
        });
    }

    private static async Task<DialogTurnResult> SubmitOrEditAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        var turn = step.Turn;
        var v = step.Values;
        if (step.Result is true)
        {
            await RefundText.TryAsync(turn, async () =>
            {
                var request = await turn.Services.Refunds.SubmitAsync(new RefundDraft(
                    turn.CustomerId, v.OrderId!, v.Type!.Value, v.Reason!.Value, v.ReasonText, v.Amount!.Value, v.Evidence, turn.ConversationId), turn.Cancellation);
                var days = turn.Services.Knowledge.Policy.GetInt("merchant_response_days", 2);
                turn.Send(turn.T("RefundSubmitted", request.Id, days), [new CardAction(turn.T("ActionProgress"), turn.T("ActionProgress"))]);
            });
            return await step.EndAsync();
        }

        var fields = new[] { FieldType, FieldReason, FieldAmount, FieldEvidence }
            .Where(f => f != FieldType || v.AllowedTypes.Count > 1)
            .Select(f => new Choice { Value = f, Title = turn.T("Field_" + f) })
            .ToList();
        return await step.PromptAsync("choice", new PromptOptions { Prompt = turn.T("RefundAskEditField"), Choices = fields });
    }

    private static async Task<DialogTurnResult> EditFieldAsync(WaterfallStepContext<RefundFilingValues> step)
    {
        var field = (string)step.Result!;
        step.Values.Editing = field;
        if (field == FieldEvidence)
        {
            step.Values.Evidence.Clear();
        }

        return await step.GoToAsync(field switch
        {
            FieldType => AskType,
            FieldReason => AskReason,
            FieldAmount => AskAmount,
            _ => AskEvidence,
        });
    }
}
