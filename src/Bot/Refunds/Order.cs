namespace ServiceBot.Bot.Refunds;

public enum PaymentMethod
{
    Balance,
    Wallet,
    BankCard,
    CreditCard,
    PayLater,
}

public enum OrderStatus
{
    Unpaid,
    Paid,
    Shipped,
    Delivered,
}

/// <summary>Goods with special refund rules (refund guide: 生鲜, virtual goods, custom-made).</summary>
public enum GoodsCategory
{
    General,
    FreshFood,
    Virtual,
    CustomMade,
}

/// <summary>A customer's order as the refund dialogs see it. Ids are 12 digits.</summary>
public sealed record Order(
    string Id,
    string CustomerId,
    string MerchantId,
    string Title,
    string TitleEn,
    decimal Amount,
    PaymentMethod PaymentMethod,
    OrderStatus Status,
    GoodsCategory Category,
    DateTimeOffset OrderedAt,
    DateTimeOffset? DeliveredAt)
{
    /// <summary>Refunded outside this service (e.g. before it existed); no new request can be made.</summary>
    public bool Refunded { get; init; }
}
