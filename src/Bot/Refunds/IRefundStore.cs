namespace ServiceBot.Bot.Refunds;

/// <summary>
/// Where refund requests live. Writes are compare-and-set on <see cref="RefundRequest.Version"/>; use
/// <see cref="RefundStoreExtensions.UpdateAsync"/> to change a request, which retries on conflict.
/// </summary>
public interface IRefundStore
{
    /// <summary>A new unique id: "R", the UTC date of <paramref name="now"/> (yyyyMMdd), and at least 6 digits.</summary>
    Task<string> NextIdAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stores a new request; false (and nothing stored) when the customer's order already has a request that is not final.</summary>
    Task<bool> TryCreateAsync(RefundRequest request, CancellationToken cancellationToken = default);

    Task<RefundRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the request if its stored version is still <paramref name="expectedVersion"/>; returns what was stored
    /// (version + 1), or null when someone else wrote first. Throws <see cref="RefundNotFoundException"/> when missing.
    /// </summary>
    Task<RefundRequest?> TryReplaceAsync(RefundRequest updated, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<RefundRequest>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Newest first. An order id is only unique among one customer's orders.</summary>
    Task<IReadOnlyList<RefundRequest>> ListByOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<RefundRequest>> ListByMerchantAsync(string merchantId, CancellationToken cancellationToken = default);

    /// <summary>Ids of Submitted requests whose merchant deadline is at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<string>> DueForOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
