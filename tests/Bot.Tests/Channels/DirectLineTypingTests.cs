using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Channels;

/// <summary>The order service answers slowly, as a busy backend would.</summary>
public sealed class SlowOrdersFixture : ServiceFixture
{
    protected override void Configure(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IOrderService));
        services.AddSingleton<IOrderService>(provider => new SlowOrders((IOrderService)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!))));
    }

    private sealed class SlowOrders(IOrderService inner) : IOrderService
    {
        public async Task<IReadOnlyList<Order>> RecentOrdersAsync(string customerId, int count, CancellationToken cancellationToken = default)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(800), cancellationToken);
            return await inner.RecentOrdersAsync(customerId, count, cancellationToken);
        }

        public Task<Order?> FindAsync(string customerId, string orderId, CancellationToken cancellationToken = default) =>
            inner.FindAsync(customerId, orderId, cancellationToken);
    }
}

public sealed class DirectLineTypingTests(SlowOrdersFixture service) : IClassFixture<SlowOrdersFixture>
{
    [Fact]
    public async Task A_slow_turn_shows_the_bot_typing_before_its_reply()
    {
        var uri = service.Client.BaseAddress!;
        var (id, token) = await DirectLineTestClient.StartAsync(service.Client, uri);
        using var posted = await DirectLineTestClient.SendAsync(service.Client, HttpMethod.Post, new Uri(uri, $"/v3/directline/conversations/{id}/activities"), token,
            """{"type":"message","text":"我要退款"}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var postedId = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<JsonElement> all;
        while (!(all = await DirectLineTestClient.ActivitiesAsync(service.Client, uri, id, token)).Any(a => a.TryGetProperty("text", out var t) && t.GetString()!.Contains("哪个订单", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "no reply");
            await Task.Delay(50);
        }

        var typing = all.FindIndex(a => a.GetProperty("type").GetString() == "typing");
        var reply = all.FindIndex(a => a.TryGetProperty("text", out var t) && t.GetString()!.Contains("哪个订单", StringComparison.Ordinal));
        Assert.True(typing >= 0 && typing < reply, "the typing activity comes before the reply: " + string.Join(" | ", all.Select(a => a.GetProperty("type").GetString())));
        Assert.Equal("bot", all[typing].GetProperty("from").GetProperty("role").GetString());
        Assert.Equal(postedId, all[typing].GetProperty("replyToId").GetString());
    }
}
