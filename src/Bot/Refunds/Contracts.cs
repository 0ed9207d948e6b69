namespace ServiceBot.Bot.Refunds;

/// <summary>The customer's orders. Another customer's order is indistinguishable from a missing one.</summary>
public interface IOrderService
{
    Task<IReadOnlyList<Order>> RecentOrdersAsync(string customerId, int count, CancellationToken cancellationToken = default);

    /// <summary>The order, or null when it does not exist or belongs to someone else.</summary>
    Task<Order?> FindAsync(string customerId, string orderId, CancellationToken cancellationToken = default);
}

public enum IneligibleReason
{
    NotPaid,
    WindowPassed,
    ExcludedGoods,
    AlreadyRefunded,
    RequestOpen,
}

/// <summary>
/// Whether an order can get a refund now, which types make sense, and if not, which rule says no. When eligible,
/// <see cref="Reason"/> names the rule that narrowed <see cref="AllowedReasons"/>, if any (ExcludedGoods or
/// WindowPassed: no NoReason), so the bot can say why "no reason" is missing.
/// </summary>
public sealed record Eligibility(bool Eligible, IneligibleReason? Reason, IReadOnlyList<RefundType> AllowedTypes, IReadOnlyList<RefundReason> AllowedReasons);

/// <summary>Refund requests and their lifecycle. Illegal transitions throw <see cref="RefundTransitionException"/>.</summary>
public interface IRefundService
{
    Task<Eligibility> CheckEligibilityAsync(Order order, CancellationToken cancellationToken = default);

    Task<RefundRequest> SubmitAsync(RefundDraft draft, CancellationToken cancellationToken = default);

    Task<RefundRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RefundRequest>> ListForCustomerAsync(string customerId, CancellationToken cancellationToken = default);

    // Customer actions.
    Task<RefundRequest> CancelAsync(string customerId, string requestId, CancellationToken cancellationToken = default);

    Task<RefundRequest> AcceptCounterOfferAsync(string customerId, string requestId, CancellationToken cancellationToken = default);

    Task<RefundRequest> AddEvidenceAsync(string customerId, string requestId, IReadOnlyList<Evidence> evidence, string? note, CancellationToken cancellationToken = default);

    Task<RefundRequest> RequestInterventionAsync(string customerId, string requestId, string statement, CancellationToken cancellationToken = default);

    Task<RefundRequest> ShipReturnAsync(string customerId, string requestId, string carrier, string trackingNumber, CancellationToken cancellationToken = default);

    // Merchant actions.
    Task<RefundRequest> MerchantAgreeAsync(string merchantId, string requestId, CancellationToken cancellationToken = default);

    Task<RefundRequest> MerchantRejectAsync(string merchantId, string requestId, string reason, CancellationToken cancellationToken = default);

    Task<RefundRequest> MerchantCounterOfferAsync(string merchantId, string requestId, CounterOffer offer, CancellationToken cancellationToken = default);

    Task<RefundRequest> ConfirmReceiptAsync(string merchantId, string requestId, CancellationToken cancellationToken = default);

    // Platform and system.
    Task<RefundRequest> PlatformDecideAsync(string requestId, bool approve, string note, CancellationToken cancellationToken = default);

    /// <summary>Marks every Submitted request whose merchant deadline has passed as MerchantOverdue; returns them.</summary>
    Task<IReadOnlyList<RefundRequest>> MarkOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Completes the payout of a Refunding request (money back by the original route).</summary>
    Task<RefundRequest> CompleteRefundAsync(string requestId, CancellationToken cancellationToken = default);
}

/// <summary>Told about every state change, e.g. to announce it in the customer's conversation.</summary>
public interface IRefundEvents
{
    Task OnChangedAsync(RefundRequest request, RefundHistoryEntry change, CancellationToken cancellationToken = default);
}

/// <summary>A transition the lifecycle does not allow, or an action by someone who may not take it.</summary>
public sealed class RefundTransitionException(string message) : InvalidOperationException(message)
{
    /// <summary>The state the request was in, when a lifecycle rule refused.</summary>
    public RefundState? From { get; init; }

    /// <summary>The state the action would have moved the request to.</summary>
    public RefundState? To { get; init; }

    /// <summary>Why a submission was refused, when the order is not eligible (or the type/reason is not allowed).</summary>
    public IneligibleReason? Ineligible { get; init; }
}
