using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Bot.Hosting;
using ServiceBot.Bot.Refunds;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Refunds;

/// <summary>
/// The real web service (ServiceHost) on a free loopback port with test API keys, Redis, and a seed file that gives
/// every test customers of its own, so tests sharing the service never meet each other's requests.
/// </summary>
public sealed class RefundApiFixture : IAsyncLifetime
{
    public const string DigitalKey = "test-digital-key-7f3a";
    public const string ApparelKey = "test-apparel-key-91c2";
    public const string PlatformKey = "test-platform-key-c4d8";

    /// <summary>Every test customer has these: delivered headphones from m-digital, unshipped shoes from m-apparel.</summary>
    public const string Headphones = "202406180001";
    public const string Shoes = "202406190013";

    private const int Customers = 100;

    private readonly string _seedPath = Path.Combine(Path.GetTempPath(), $"refund-api-seed-{Guid.NewGuid():N}.json");
    private WebApplication? _app;
    private int _nextCustomer;

    public HttpClient Client { get; private set; } = new();

    public IRefundService Refunds => _app!.Services.GetRequiredService<IRefundService>();

    /// <summary>A customer no other test uses.</summary>
    public string NewCustomer() => $"c-api-{Interlocked.Increment(ref _nextCustomer):D3}";

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_seedPath, JsonSerializer.Serialize(Seed(), RefundJsonContext.Default.SeedFile));
        _app = ServiceHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Knowledge:Path", RepositoryPaths.Knowledge,
            "--ConnectionStrings:Redis", TestRedis.ConnectionString,
            "--Redis:KeyPrefix", TestRedis.UniquePrefix(),
            "--Refunds:SeedPath", _seedPath,
            "--Refunds:MerchantApiKeys:m-digital", DigitalKey,
            "--Refunds:MerchantApiKeys:m-apparel", ApparelKey,
            "--Refunds:PlatformApiKey", PlatformKey,
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

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
