using System.Globalization;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Tests.Queue;

[Collection(QueueLoadSuite.Name)]
public sealed class HandoffKeysTests : IAsyncDisposable
{
    private readonly QueueTestBed _bed = new();

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    [Fact]
    public async Task Every_key_the_scripts_write_is_one_HandoffKeys_names_under_one_hash_tag_and_bounded()
    {
        await _bed.AgentAsync("ann", capacity: 2);
        await _bed.AgentAsync("bob", capacity: 2);
        var resolved = await _bed.EnqueueAsync(Skill.Refund);
        var owned = await _bed.EnqueueAsync(Skill.Logistics);
        var offered = await _bed.EnqueueAsync(Skill.General);
        var waiting = await _bed.EnqueueAsync(Skill.General);
        Assert.Equal(resolved, await _bed.ClaimAsync("ann"));
        Assert.Equal(owned, await _bed.ClaimAsync("bob"));
        Assert.True((await _bed.Assignments.ResolveAsync("ann", resolved, "solved", "note")).IsOk);
        Assert.Equal("ann", (await _bed.Assignments.OfferAsync(offered)).Agent);
        await new HandoffContexts(_bed.Redis, _bed.Options).WriteAsync(waiting, """{"summary":"wants a refund"}""");

        var keys = _bed.Keys;
        // Not waiting:logistics and waiting:refund: Redis deletes a sorted set when its last member goes.
        RedisKey[] named =
        [
            keys.Owner(owned), keys.Owner(offered), keys.Owner(waiting), keys.Resolution(resolved),
            keys.Waiting("general"), keys.Agent("ann"), keys.Agent("bob"), keys.Chats("ann"), keys.Chats("bob"),
            keys.Presence, keys.Offers, keys.HandlingTimes("refund"), keys.WaitingTimes("refund"), keys.WaitingTimes("logistics"),
        ];
        var database = await _bed.Redis.DatabaseAsync();
        var server = (await _bed.Redis.DatabaseAsync()).Multiplexer.GetServers()[0];
        var written = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: _bed.Prefix + "*"))
        {
            written.Add(key!);
        }

        var context = _bed.Redis.Keys.Conversation(waiting).HandoffContext;
        Assert.Equal(named.Append(context).Select(k => k.ToString()).Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
        Assert.All(named, key => Assert.Equal("{handoff}", HashTag(key.ToString())));
        Assert.Equal("{c:" + waiting + "}", HashTag(context.ToString()));
        foreach (var key in new RedisKey[] { keys.Owner(owned), keys.Owner(offered), keys.Owner(waiting), keys.Resolution(resolved), keys.Agent("ann"), context })
        {
            Assert.True(await database.KeyTimeToLiveAsync(key) > TimeSpan.Zero, $"{key} has no TTL");
        }
    }

    [Fact]
    public async Task Sample_lists_are_capped()
    {
        await using var bed = new QueueTestBed(new HandoffOptions { Samples = 5 });
        await bed.AgentAsync("ann", capacity: 1);
        for (var i = 0; i < 8; i++)
        {
            var id = await bed.EnqueueAsync();
            Assert.Equal(id, await bed.ClaimAsync("ann"));
            Assert.True((await bed.Assignments.ResolveAsync("ann", id, "solved", "")).IsOk);
        }

        var database = await bed.Redis.DatabaseAsync();
        Assert.Equal(5, await database.ListLengthAsync(bed.Keys.HandlingTimes("general")));
        Assert.Equal(5, await database.ListLengthAsync(bed.Keys.WaitingTimes("general")));
    }

    [Fact]
    public void Ids_that_could_leave_the_slot_or_share_a_key_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _bed.Keys.Owner("a}b"));
        Assert.Throws<ArgumentException>(() => _bed.Keys.Chats("ann:x"));
        Assert.Throws<ArgumentException>(() => _bed.Keys.Agent(""));
    }

    [Fact]
    public async Task A_waiting_conversation_costs_at_most_4_KB_of_redis_memory()
    {
        const int count = 10_000;
        var server = (await _bed.Redis.DatabaseAsync()).Multiplexer.GetServers()[0];
        var before = await UsedMemoryAsync(server);
        var evidence = new string('退', 60) + " order 202406180001, third time asking";
        var batch = new List<Task<HandoffResult>>();
        for (var i = 0; i < count; i++)
        {
            var request = new HandoffRequest("complaint", evidence, HandoffNames.AllSkills[i % 3], (Priority)(i % 4), "zh-CN", $"c-{i}");
            batch.Add(_bed.Line.EnqueueAsync($"conversation-{i:D6}", request));
            _bed.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.All(await Task.WhenAll(batch), r => Assert.True(r.IsOk));
        var perConversation = (await UsedMemoryAsync(server) - before) / (double)count;

        Assert.True(perConversation <= 4096, $"{perConversation:F0} bytes per waiting conversation");
        Assert.True(perConversation > 100, $"{perConversation:F0} bytes: the measurement did not see the records");
    }

    private static async Task<long> UsedMemoryAsync(IServer server) =>
        long.Parse((await server.InfoAsync("memory")).SelectMany(g => g).First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);

    private static string HashTag(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        return key[open..(key.IndexOf('}', open) + 1)];
    }
}
