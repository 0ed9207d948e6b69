using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using ServiceBot.Handoff.Redis;
using ServiceBot.Tests.Support;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Tests.Redis;

public sealed class RoutedChannelTests : IAsyncDisposable
{
    private readonly RedisConnection _redis = Connect(TestRedis.ConnectionString);
    private readonly FakeLogCollector _logs = new();

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    private static RedisConnection Connect(string connectionString, int timeoutMs = 2000) => new(
        new RedisOptions { ConnectionString = connectionString, KeyPrefix = TestRedis.UniquePrefix(), OperationTimeoutMs = timeoutMs },
        NullLogger<RedisConnection>.Instance);

    private RoutedChannel Channel(RedisConnection redis) =>
        new(redis, RedisChannel.Literal(redis.Keys.Prefix + "routed"), new FakeLogger<RoutedChannelTests>(_logs));

    private static async Task PublishAsync(RedisConnection redis, string message) =>
        await (await redis.SubscriberAsync()).PublishAsync(RedisChannel.Literal(redis.Keys.Prefix + "routed"), message);

    [Fact]
    public async Task A_message_reaches_every_listener_of_its_route_and_no_other()
    {
        var channel = Channel(_redis);
        var heard = new ConcurrentQueue<string>();
        using var first = await channel.ListenAsync("conv-a", n => heard.Enqueue($"first {n}"));
        var second = await channel.ListenAsync("conv-a", n => heard.Enqueue($"second {n}"));
        using var other = await channel.ListenAsync("conv-b", n => heard.Enqueue($"other {n}"));

        await PublishAsync(_redis, RoutedChannel.Message(5, "conv-a"));
        await WaitUntilAsync(() => heard.Count >= 2);
        second.Dispose();
        foreach (var noise in new[] { "x conv-a", "conv-a", "", "-1 conv-a", "7 conv-c" })
        {
            await PublishAsync(_redis, noise);
        }

        await PublishAsync(_redis, RoutedChannel.Message(6, "conv-a"));
        await WaitUntilAsync(() => heard.Count >= 3);
        await Task.Delay(200);

        Assert.Equal(["first 5", "first 6", "second 5"], heard.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_throwing_listener_is_logged_and_the_others_still_hear()
    {
        var channel = Channel(_redis);
        var heard = new ConcurrentQueue<long>();
        using var broken = await channel.ListenAsync("conv-a", _ => throw new InvalidOperationException("listener bug"));
        using var working = await channel.ListenAsync("conv-a", heard.Enqueue);

        await PublishAsync(_redis, RoutedChannel.Message(1, "conv-a"));
        await PublishAsync(_redis, RoutedChannel.Message(2, "conv-a"));
        await WaitUntilAsync(() => heard.Count >= 2 && _logs.Count >= 2);

        Assert.All(_logs.GetSnapshot(), r => Assert.IsType<InvalidOperationException>(r.Exception));
    }

    [Fact]
    public async Task A_subscribe_that_failed_while_redis_hung_leaves_no_extra_handler()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var redis = Connect(server.ConnectionString, timeoutMs: 300);
        Assert.Null(await redis.CheckAsync());
        var channel = Channel(redis);
        var heard = 0;

        server.Hang();
        await Assert.ThrowsAnyAsync<TimeoutException>(() => channel.ListenAsync("conv-a", _ => Interlocked.Increment(ref heard)));
        server.Resume();
        await WaitUntilAsync(async () => await redis.CheckAsync() is null);
        using var listener = await channel.ListenAsync("conv-a", _ => Interlocked.Increment(ref heard));

        await PublishAsync(redis, RoutedChannel.Message(1, "conv-a"));
        await WaitUntilAsync(() => Volatile.Read(ref heard) >= 1);
        await Task.Delay(300);

        Assert.Equal(1, Volatile.Read(ref heard));
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 10 s");
            await Task.Delay(20);
        }
    }
}
