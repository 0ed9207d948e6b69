namespace ServiceBot.Bot.Refunds;

/// <summary>By when the party a request is waiting for has to act, per policy (the bot shows it; rules enforce it).</summary>
public static class RefundDeadlines
{
    /// <summary>The deadline of the request's current state, or null when nobody is waiting on a deadline.</summary>
    public static DateTimeOffset? DueAt(RefundRequest request, RefundPolicy policy) => request.State switch
    {
        RefundState.Submitted => request.MerchantDeadline,
        RefundState.MerchantRejected or RefundState.MerchantCounterOffer or RefundState.MerchantOverdue =>
            EnteredAt(request).AddDays(policy.InterventionWindowDays),
        RefundState.AwaitingReturn => EnteredAt(request).AddDays(policy.ReturnShipDays),
        RefundState.ReturnShipped => EnteredAt(request).AddDays(policy.MerchantReceiptDays),
        // The policy counts working days; calendar days give the earliest date the decision can be expected.
        RefundState.PlatformReview => EnteredAt(request).AddDays(policy.PlatformReviewDays),
        _ => null,
    };

    /// <summary>When the request entered its current state (its last history entry that led there).</summary>
    public static DateTimeOffset EnteredAt(RefundRequest request) =>
        request.History.LastOrDefault(h => h.To == request.State)?.At ?? request.UpdatedAt;
}
