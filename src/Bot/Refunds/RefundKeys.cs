namespace ServiceBot.Bot.Refunds;

/// <summary>
/// Every Redis key of the refund area. They share the hash tag {refund} so one script can update a request and its
/// indexes atomically and still run on Redis Cluster; refund traffic is small enough for one slot.
/// </summary>
public sealed class RefundKeys(string prefix)
{
    private readonly string _root = prefix + "{refund}:";

    /// <summary>The request's JSON.</summary>
    public string Request(string requestId) => _root + requestId;

    /// <summary>Set of the customer's request ids.</summary>
    public string ByCustomer(string customerId) => _root + "customer:" + customerId;

    /// <summary>Set of the order's request ids. Orders are only unique per customer (see <see cref="IOrderService"/>).</summary>
    public string ByOrder(string customerId, string orderId) => _root + "order:" + customerId + ":" + orderId;

    /// <summary>Set of the merchant's request ids.</summary>
    public string ByMerchant(string merchantId) => _root + "merchant:" + merchantId;

    /// <summary>The id of the order's request that is not final, while there is one: one open request per order.</summary>
    public string OpenRequest(string customerId, string orderId) => _root + "open:" + customerId + ":" + orderId;

    /// <summary>Sorted set of Submitted request ids by merchant deadline (unix ms), for the overdue job.</summary>
    public string MerchantDeadlines => _root + "deadlines";

    /// <summary>The day's id counter (expires after the day is over).</summary>
    public string Sequence(string day) => _root + "seq:" + day;
}
