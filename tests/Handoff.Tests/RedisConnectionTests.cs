using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Handoff.Redis;
using ServiceBot.Tests.Support;

namespace ServiceBot.Handoff.Tests;

public sealed class RedisConnectionTests
{
    [Fact]
    public async Task A_running_redis_is_healthy_and_usable()
    {
        await using var connection = new RedisConnection(new RedisOptions { ConnectionString = TestRedis.ConnectionString, KeyPrefix = TestRedis.UniquePrefix() },
            NullLogger<RedisConnection>.Instance);

        Assert.Null(await connection.CheckAsync());
        var database = await connection.DatabaseAsync();
        var key = connection.Keys.HealthProbe;
        await database.StringSetAsync(key, "ok", TimeSpan.FromSeconds(30));
        Assert.Equal("ok", (string?)await database.StringGetAsync(key));
        Assert.StartsWith(connection.Keys.Prefix, key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_redis_is_reported_without_throwing_and_without_the_password()
    {
        await using var connection = new RedisConnection(
            new RedisOptions { ConnectionString = TestRedis.Unreachable + ",password=hunter2", ConnectTimeoutMs = 300 },
            NullLogger<RedisConnection>.Instance);

        var problem = await connection.CheckAsync();

        Assert.NotNull(problem);
        Assert.Contains("not reachable", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_of_one_conversation_share_a_hash_tag()
    {
        var keys = new RedisKeys("sb:");
        Assert.Equal("sb:{c:42}:state", keys.Conversation("42").State.ToString());
    }
}
