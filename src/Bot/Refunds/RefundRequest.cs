namespace ServiceBot.Bot.Refunds;

public enum RefundType
{
    RefundOnly,
    ReturnAndRefund,
}

public enum RefundReason
{
    NoReason,
    QualityIssue,
    WrongSize,
    NotAsDescribed,
    DamagedInTransit,
    NotReceived,
    Other,
}

/// <summary>The lifecycle of a refund request (refund guide §一(二)–(五)).</summary>
public enum RefundState
{
    Submitted,
    MerchantAgreed,
    MerchantRejected,
    MerchantCounterOffer,
    MerchantOverdue,
    PlatformReview,
    Approved,
    Denied,
    AwaitingReturn,
    ReturnShipped,
    MerchantReceived,
    Refunding,
    Refunded,
    Cancelled,
}

public enum RefundActor
{
    Customer,
    Merchant,
    Platform,
    System,
}

/// <summary>An image the customer attached as evidence (stored elsewhere; this is its reference).</summary>
public sealed record Evidence(string Name, string ContentType, long Bytes, string Url);

/// <summary>What the customer filled in, before submitting.</summary>
public sealed record RefundDraft(
    string CustomerId,
    string OrderId,
    RefundType Type,
    RefundReason Reason,
    string? ReasonText,
    decimal Amount,
    IReadOnlyList<Evidence> Evidence,
    string? ConversationId);

/// <summary>A merchant's counter-offer: a partial amount, or an exchange instead of a refund.</summary>
public sealed record CounterOffer(decimal? Amount, bool Exchange, string? Note);

public sealed record ReturnShipment(string Carrier, string TrackingNumber, DateTimeOffset ShippedAt);

/// <summary>One entry of a request's history: every state change, with time and actor.</summary>
public sealed record RefundHistoryEntry(DateTimeOffset At, RefundActor Actor, RefundState From, RefundState To, string? Note);

public sealed record RefundRequest(
    string Id,
    string CustomerId,
    string OrderId,
    string MerchantId,
    RefundType Type,
    RefundReason Reason,
    string? ReasonText,
    decimal Amount,
    PaymentMethod PaymentMethod,
    IReadOnlyList<Evidence> Evidence,
    RefundState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? MerchantDeadline,
    string? RejectReason,
    CounterOffer? CounterOffer,
    string? InterventionStatement,
    ReturnShipment? Return,
    DateTimeOffset? RefundedAt,
    string? ConversationId,
    IReadOnlyList<RefundHistoryEntry> History,
    long Version);
