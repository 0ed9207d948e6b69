using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Refunds;

/// <summary>
/// The real web service (ServiceHost) on a free loopback port with test API keys, Redis, and a seed file that gives
/// every test customers of its own, so tests sharing the service never meet each other's requests.
/// </summary>
public sealed class RefundApiFixture : ServiceFixture
{
    public const string DigitalKey = "test-digital-key-7f3a";
    public const string ApparelKey = "test-apparel-key-91c2";
    public const string PlatformKey = "test-platform-key-c4d8";

    /// <summary>Every test customer has these: delivered headphones from m-digital, unshipped shoes from m-apparel.</summary>
    public const string Headphones = "202406180001";
    public const string Shoes = "202406190013";

    private const int Customers = 100;

    private readonly string _seedPath = Path.Combine(Path.GetTempPath(), $"refund-api-seed-{Guid.NewGuid():N}.json");
    private int _nextCustomer;

    public IRefundService Refunds => Services.GetRequiredService<IRefundService>();

    /// <summary>A customer no other test uses.</summary>
    public string NewCustomer() => $"c-api-{Interlocked.Increment(ref _nextCustomer):D3}";

    protected override IEnumerable<string> Settings =>
    [
        "--Refunds:SeedPath", _seedPath,
        "--Refunds:MerchantKeys:0:Merchant", "m-digital",
        "--Refunds:MerchantKeys:0:Key", DigitalKey,
        "--Refunds:MerchantKeys:1:Merchant", "m-apparel",
        "--Refunds:MerchantKeys:1:Key", ApparelKey,
        "--Refunds:PlatformApiKey", PlatformKey,
    ];

    public override async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_seedPath, JsonSerializer.Serialize(Seed(), RefundJsonContext.Default.SeedFile));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_seedPath);
    }

    private static SeedFile Seed() => new(Enumerable.Range(1, Customers).SelectMany(n => new[]
    {
        new SeedOrder(Headphones, $"c-api-{n:D3}", "m-digital", "降噪耳机", "Headphones", 1899.00m, PaymentMethod.Wallet, OrderStatus.Delivered,
            GoodsCategory.General, OrderedDaysAgo: 5, DeliveredDaysAgo: 2),
        new SeedOrder(Shoes, $"c-api-{n:D3}", "m-apparel", "跑步鞋", "Running shoes", 369.00m, PaymentMethod.BankCard, OrderStatus.Paid,
            GoodsCategory.General, OrderedDaysAgo: 1),
    }).ToArray());
}
