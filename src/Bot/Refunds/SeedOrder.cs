namespace ServiceBot.Bot.Refunds;

/// <summary>The demo order file: orders with dates relative to "now", so the demo never ages.</summary>
public sealed record SeedFile(IReadOnlyList<SeedOrder> Orders);

/// <summary>One demo order as written in orders.seed.json.</summary>
public sealed record SeedOrder(
    string Id,
    string CustomerId,
    string MerchantId,
    string Title,
    string TitleEn,
    decimal Amount,
    PaymentMethod PaymentMethod,
    OrderStatus Status,
    GoodsCategory Category,
    int OrderedDaysAgo,
    int? DeliveredDaysAgo = null,
    bool Refunded = false)
{
    public Order ToOrder(DateTimeOffset now) =>
        new(Id, CustomerId, MerchantId, Title, TitleEn, Amount, PaymentMethod, Status, Category,
            now.AddDays(-OrderedDaysAgo),
            DeliveredDaysAgo is { } days ? now.AddDays(-days) : null)
        {
            Refunded = Refunded,
        };
}
