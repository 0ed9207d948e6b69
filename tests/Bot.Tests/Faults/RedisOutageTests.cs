using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Handoff.Activities;
using Activity = ServiceBot.Handoff.Activities.Activity;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Tests.Refunds;
using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Redis;
using ServiceBot.Tests.Support;
using StackExchange.Redis;

namespace ServiceBot.Bot.Tests.Faults;

/// <summary>
/// The real service on a redis-server of the test's own, which is hung, killed -9 and restarted from its AOF:
/// every API answers 503 JSON with Retry-After within the configured timeout, knowledge keeps answering, service
/// resumes within 2 s of Redis returning, and nothing is lost or changed by the requests made during the outage.
/// </summary>
[Collection(ServiceBot.Bot.Tests.Faults.FaultSuite.Name)]
public sealed class RedisOutageTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int OperationTimeoutMs = 1000;
    private const string PlatformKey = "outage-platform-key-0123";
    private const string MerchantKey = "outage-merchant-key-4567";

    /// <summary>A 503 must come within the timeout plus the heartbeat that notices it and some scheduling.</summary>
    private static readonly TimeSpan Answered503Within = TimeSpan.FromMilliseconds(OperationTimeoutMs + 1000);

    [Fact]
    public async Task Hung_then_killed_redis_gives_503_json_with_retry_after_and_service_resumes_within_2_s_of_its_return()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var service = await OutageService.StartAsync(redis.ConnectionString);
        var request = RefundTestData.Request();
        Assert.True(await service.Services.GetRequiredService<IRefundStore>().TryCreateAsync(request));
        await AssertStatusAsync(service.Get($"/api/platform/refunds/{request.Id}"), HttpStatusCode.OK);

        redis.Hang();
        await AssertUnavailableAsync(service.Get($"/api/platform/refunds/{request.Id}"));
        await AssertUnavailableAsync(service.Post($"/api/merchant/refunds/{request.Id}/agree", MerchantKey));
        await AssertStatusAsync(service.Get("/api/kb/search?q=" + Uri.EscapeDataString("退款多久到账")), HttpStatusCode.OK);
        await AssertStatusAsync(service.Get("/healthz"), HttpStatusCode.ServiceUnavailable);
        var turn = await TimedAsync(() => service.Services.GetRequiredService<TurnProcessor>().ProcessAsync(Message("退款多久到账")));
        Assert.Contains("没有处理成功", Assert.Single(turn.Result).Text, StringComparison.Ordinal); // a polite apology
        output.WriteLine($"turn apologised after {turn.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(turn.Elapsed < Answered503Within * 2, $"the turn apologised after {turn.Elapsed.TotalMilliseconds} ms");

        await redis.KillAsync(); // from hung to gone: connections drop, nothing listens
        await AssertUnavailableAsync(service.Get($"/api/platform/refunds/{request.Id}"));

        await redis.RestartAsync();
        var back = Stopwatch.StartNew();
        while (true)
        {
            using var response = await service.Get($"/api/platform/refunds/{request.Id}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(back.Elapsed < TimeSpan.FromSeconds(2), $"still {response.StatusCode} {back.ElapsedMilliseconds} ms after Redis returned");
            await Task.Delay(50);
        }

        output.WriteLine($"service resumed {back.ElapsedMilliseconds} ms after Redis returned");
        // The agree sent during the outage changed nothing.
        Assert.Equal(RefundState.Submitted, (await service.Services.GetRequiredService<IRefundService>().GetAsync(request.Id))!.State);
    }

    [Fact]
    public async Task After_kill_9_and_an_aof_restart_every_key_is_as_it_was()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using (var service = await OutageService.StartAsync(redis.ConnectionString))
        {
            var processor = service.Services.GetRequiredService<TurnProcessor>();
            foreach (var text in new[] { "我要退款", "202406180001", "退货退款", "你好", "退款多久到账" })
            {
                await processor.ProcessAsync(Message(text));
            }

            var store = service.Services.GetRequiredService<IRefundStore>();
            Assert.True(await store.TryCreateAsync(RefundTestData.Request()));
            Assert.True(await store.TryCreateAsync(RefundTestData.Request("R20240620000002", orderId: "202406190013", customerId: "c-bob")));
            Assert.NotNull(await service.Services.GetRequiredService<IRefundService>().MerchantAgreeAsync("m-digital", "R20240620000001"));
        }

        var before = await DigestAsync(redis);
        await redis.KillAsync();
        await redis.RestartAsync();
        var after = await DigestAsync(redis);

        Assert.True(before.Keys > 10, $"only {before.Keys} keys: the test stored too little to mean anything");
        Assert.Equal(before, after);
    }

    private static Activity Message(string text) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Text = text,
        From = new ChannelAccount("c-alice"),
        Conversation = new ConversationAccount("outage-conversation"),
    };

    /// <summary>DEBUG DIGEST covers every key, value and whether it expires; the key count makes a failure readable.</summary>
    private static async Task<(string Digest, long Keys)> DigestAsync(RedisServerProcess redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var digest = (string)(await server.ExecuteAsync("DEBUG", "DIGEST"))!;
        return (digest, await server.DatabaseSizeAsync());
    }

    private async Task AssertUnavailableAsync(Task<HttpResponseMessage> call)
    {
        var (response, elapsed) = await TimedAsync(() => call);
        using (response)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            Assert.Contains("not reachable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            output.WriteLine($"503 after {elapsed.TotalMilliseconds:F0} ms (operation timeout {OperationTimeoutMs} ms)");
            Assert.True(elapsed < Answered503Within, $"503 after {elapsed.TotalMilliseconds} ms; the timeout is {OperationTimeoutMs} ms");
        }
    }

    private static async Task AssertStatusAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using var response = await call;
        Assert.Equal(expected, response.StatusCode);
    }

    private static async Task<(T Result, TimeSpan Elapsed)> TimedAsync<T>(Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var result = await action();
        return (result, watch.Elapsed);
    }

    /// <summary>The real host on the given Redis, with a short operation timeout and API keys.</summary>
    private sealed class OutageService : ServiceFixture, IAsyncDisposable
    {
        private readonly string _redis;

        private OutageService(string redis) => _redis = redis;

        protected override string RedisConnectionString => _redis;

        protected override IEnumerable<string> Settings =>
        [
            "--Redis:OperationTimeoutMs", OperationTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Refunds:PlatformApiKey", PlatformKey,
            "--Refunds:MerchantKeys:0:Merchant", "m-digital",
            "--Refunds:MerchantKeys:0:Key", MerchantKey,
            "--Logging:LogLevel:Default", "None",
        ];

        public static async Task<OutageService> StartAsync(string redis)
        {
            var service = new OutageService(redis);
            await service.InitializeAsync();
            return service;
        }

        public Task<HttpResponseMessage> Get(string path, string key = PlatformKey) => Send(HttpMethod.Get, path, key);

        public Task<HttpResponseMessage> Post(string path, string key) => Send(HttpMethod.Post, path, key);

        private Task<HttpResponseMessage> Send(HttpMethod method, string path, string key)
        {
            var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            message.Headers.Add("X-Api-Key", key);
            return Client.SendAsync(message);
        }

        ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
    }
}
