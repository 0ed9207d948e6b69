using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Handoff.Redis;
using ServiceBot.Handoff.Transcripts;
using ServiceBot.Tests.Support;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Tests.Transcripts;

/// <summary>The contract on a real Redis, "another instance" being a second connection; and what only Redis has.</summary>
public sealed class RedisTranscriptTests : TranscriptContract, IAsyncDisposable
{
    private static readonly string Prefix = TestRedis.UniquePrefix();

    private readonly RedisConnection _redis = Connect();
    private readonly RedisConnection _other = Connect();

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _other.DisposeAsync();
    }

    protected override ITranscript Create(TranscriptOptions options) => new RedisTranscript(_redis, options, Logger<RedisTranscript>());

    protected override ITranscript OtherInstance(ITranscript first, TranscriptOptions options) => new RedisTranscript(_other, options, Logger<RedisTranscript>());

    private static RedisConnection Connect() =>
        new(new RedisOptions { ConnectionString = TestRedis.ConnectionString, KeyPrefix = Prefix }, NullLogger<RedisConnection>.Instance);

    [Fact]
    public async Task Both_keys_share_the_conversation_hash_tag_and_get_the_ttl_and_the_stream_keeps_no_activity_id()
    {
        var transcript = Create(Options(ttl: TimeSpan.FromMinutes(5)));
        var id = NewId();
        await transcript.AppendAsync(id, [Message("a") with { Id = "client-1" }, Message("b")]);

        var keys = _redis.Keys.Conversation(id);
        var database = await _redis.DatabaseAsync();
        foreach (var key in new[] { keys.Transcript, keys.TranscriptSequence })
        {
            Assert.Contains("{c:" + id + "}", key.ToString(), StringComparison.Ordinal);
            var ttl = await database.KeyTimeToLiveAsync(key);
            Assert.True(ttl > TimeSpan.FromMinutes(4) && ttl <= TimeSpan.FromMinutes(5), $"{key}: TTL {ttl}");
        }

        var stored = await database.StreamRangeAsync(keys.Transcript);
        Assert.Equal(["0-1", "0-2"], stored.Select(e => (string)e.Id!));
        Assert.All(stored, e => Assert.False(JsonNode.Parse((byte[])e["a"]!)!.AsObject().ContainsKey("id")));
        Assert.Equal(2, (long)await database.StringGetAsync(keys.TranscriptSequence));
    }

    [Fact]
    public async Task A_lost_sequence_counter_goes_on_after_the_newest_entry_kept()
    {
        var transcript = Create(Options());
        var id = NewId();
        await transcript.AppendAsync(id, [Message("a"), Message("b"), Message("c")]);
        var database = await _redis.DatabaseAsync();
        await database.KeyDeleteAsync(_redis.Keys.Conversation(id).TranscriptSequence); // as an eviction would

        Assert.Equal(4, Assert.Single(await transcript.AppendAsync(id, [Message("d")])).Sequence);
        Assert.Equal([1L, 2L, 3L, 4L], (await transcript.ReadAllAsync(id)).Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task An_append_is_announced_once_as_last_sequence_conversation_and_its_activities_on_the_prefixed_channel()
    {
        var id = NewId();
        var messages = new List<string>();
        var subscriber = await _other.SubscriberAsync();
        var channel = _redis.Keys.TranscriptAppended;
        var heard = new SemaphoreSlim(0);
        void Handler(RedisChannel _, RedisValue message)
        {
            if (((string)message!).Contains(" " + id, StringComparison.Ordinal))
            {
                lock (messages)
                {
                    messages.Add(message!);
                }

                heard.Release();
            }
        }

        await subscriber.SubscribeAsync(channel, Handler);
        try
        {
            await Create(Options()).AppendAsync(id, [Message("a"), Message("b"), Message("c")]);
            Assert.True(await heard.WaitAsync(TimeSpan.FromSeconds(5)));
            await Task.Delay(200);
            var lines = Assert.Single(messages).Split('\n');
            Assert.Equal(RoutedChannel.Message(3, id), lines[0]);
            Assert.Equal(["a", "b", "c"], lines[1..].Select(json => JsonNode.Parse(json)!["text"]!.GetValue<string>()));
            Assert.StartsWith(Prefix, channel.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await subscriber.UnsubscribeAsync(channel, Handler);
        }
    }

    [Fact]
    public async Task A_batch_too_large_to_carry_is_announced_bare_and_the_subscriber_is_told_to_read()
    {
        var transcript = Create(Options());
        var id = NewId();
        var calls = new Calls();
        await using var subscription = await OtherInstance(transcript, Options()).SubscribeAsync(id, calls.RecordAsync);

        await transcript.AppendAsync(id, [Message(new string('x', 40_000)), Message(new string('y', 40_000))]);
        await calls.WaitForAsync(2);

        var announcement = Assert.Single(calls.Announcements);
        Assert.Empty(announcement.Entries);
        Assert.Null(announcement.After(0));
        Assert.Equal(2, (await transcript.ReadAsync(id, 0)).Entries.Count);
    }
}
