using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Bot.Refunds;
using ServiceBot.Handoff.Redis;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Refunds;

/// <summary>The store contract against the real redis-server of the test run; fails (never skips) without one.</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class RedisRefundStoreTests : RefundStoreContract
{
    private RedisConnection? _redis;

    protected override Task<IRefundStore> CreateStoreAsync()
    {
        _redis = new RedisConnection(
            new RedisOptions { ConnectionString = TestRedis.ConnectionString, KeyPrefix = TestRedis.UniquePrefix() },
            NullLogger<RedisConnection>.Instance);
        return Task.FromResult<IRefundStore>(new RedisRefundStore(_redis));
    }

    public override async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Keys_share_one_hash_slot_under_the_configured_prefix()
    {
        await Store.TryCreateAsync(RefundTestData.Request());
        var database = await _redis!.DatabaseAsync();
        var server = database.Multiplexer.GetServers()[0];

        var keys = server.Keys(pattern: _redis.Keys.Prefix + "*").Select(k => k.ToString()).ToList();

        Assert.Contains(_redis.Keys.Prefix + "{refund}:R20240620000001", keys);
        Assert.All(keys, k => Assert.StartsWith(_redis.Keys.Prefix + "{refund}:", k, StringComparison.Ordinal));
        Assert.Single(keys.Select(k => database.Multiplexer.HashSlot(k)).Distinct());
    }

    [Theory]
    [InlineData("customer:c-alice")]
    [InlineData("seq:20240620")]
    [InlineData("deadlines")]
    [InlineData("R2024062000000x")]
    [InlineData("R20240620000001:x")]
    [InlineData("R20240620000001 ")]
    [InlineData("../R20240620000001")]
    public async Task An_id_that_is_not_a_request_id_names_no_request_even_when_a_key_of_that_name_exists(string id)
    {
        await Store.TryCreateAsync(RefundTestData.Request()); // creates customer:, order:, deadlines … keys

        Assert.Null(await Store.GetAsync(id));
        await Assert.ThrowsAsync<RefundNotFoundException>(() => Store.TryReplaceAsync(RefundTestData.Request() with { Id = id }, 0));
    }
}
