namespace ServiceBot.Bot.Refunds;

/// <summary>POST /api/merchant/refunds/{id}/reject</summary>
public sealed record RejectBody(string? Reason);

/// <summary>POST /api/merchant/refunds/{id}/counter-offer</summary>
public sealed record CounterOfferBody(decimal? Amount, bool? Exchange, string? Note);

/// <summary>POST /api/platform/refunds/{id}/decide</summary>
public sealed record DecideBody(bool? Approve, string? Note);

/// <summary>GET /api/merchant/refunds</summary>
public sealed record RefundList(IReadOnlyList<RefundRequest> Requests);
