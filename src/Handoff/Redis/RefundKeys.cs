namespace ServiceBot.Handoff.Redis;

/// <summary>
/// Every Redis key of the refund area. They share the hash tag {refund} so one script can update a request and its
/// indexes atomically and still run on Redis Cluster; refund traffic is small enough for one slot.
/// Every id is checked by <see cref="RedisKeys.RequireSafeId"/> first: with no ':' allowed, a request id (stores
/// also check its R-date-sequence format) can never name an index key such as "customer:c-alice".
/// </summary>
public sealed class RefundKeys(string prefix)
{
    private readonly string _root = prefix + "{refund}:";

    /// <summary>The request's JSON.</summary>
    public string Request(string requestId) => _root + Safe(requestId, "refund request id");

    /// <summary>Set of the customer's request ids.</summary>
    public string ByCustomer(string customerId) => _root + "customer:" + Safe(customerId, "customer id");

    /// <summary>Set of the order's request ids. Orders are only unique per customer.</summary>
    public string ByOrder(string customerId, string orderId) =>
        _root + "order:" + Safe(customerId, "customer id") + ":" + Safe(orderId, "order id");

    /// <summary>Set of the merchant's request ids.</summary>
    public string ByMerchant(string merchantId) => _root + "merchant:" + Safe(merchantId, "merchant id");

    /// <summary>The id of the order's request that is not final, while there is one: one open request per order.</summary>
    public string OpenRequest(string customerId, string orderId) =>
        _root + "open:" + Safe(customerId, "customer id") + ":" + Safe(orderId, "order id");

    /// <summary>Sorted set of Submitted request ids by merchant deadline (unix ms), for the overdue job.</summary>
    public string MerchantDeadlines => _root + "deadlines";

    /// <summary>The day's id counter (expires after the day is over).</summary>
    public string Sequence(string day) => _root + "seq:" + Safe(day, "day");

    private static string Safe(string id, string what) => RedisKeys.RequireSafeId(id, what);
}
