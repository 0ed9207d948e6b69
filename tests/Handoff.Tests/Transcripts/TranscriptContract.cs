using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Handoff.Tests.Transcripts;

/// <summary>What every transcript must do; run against the in-memory one and a real Redis.</summary>
public abstract class TranscriptContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    protected FakeLogCollector Logs { get; } = new();

    protected static TranscriptOptions Options(int capacity = 1000, TimeSpan? ttl = null) => new() { Capacity = capacity, Ttl = ttl ?? TimeSpan.FromHours(1) };

    protected abstract ITranscript Create(TranscriptOptions options);

    /// <summary>The same transcript as another service instance sees it (in memory there is only one instance).</summary>
    protected abstract ITranscript OtherInstance(ITranscript first, TranscriptOptions options);

    protected ILogger<T> Logger<T>() => new FakeLogger<T>(Logs);

    /// <summary>Lets <paramref name="time"/> pass for the transcript (really, for Redis).</summary>
    protected virtual Task PassAsync(TimeSpan time) => Task.Delay(time);

    protected static string NewId() => "conv-" + Guid.NewGuid().ToString("N")[..10];

    protected static Activity Message(string text) => new() { Text = text, From = new ChannelAccount("c-alice", null, "user") };

    [Fact]
    public async Task Fifty_concurrent_appenders_on_two_instances_get_every_sequence_once_in_order()
    {
        var first = Create(Options());
        var second = OtherInstance(first, Options());
        var id = NewId();

        var batches = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).AppendAsync(id, [Message($"{i}a"), Message($"{i}b")]))));

        var sequences = batches.SelectMany(b => b.Select(e => e.Sequence)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), sequences);
        Assert.All(batches, b => Assert.Equal((b[0].Sequence + 1, "a", "b"), (b[1].Sequence, b[0].Activity.Text![^1..], b[1].Activity.Text![^1..])));
        var all = await first.ReadAllAsync(id);
        Assert.Equal(sequences, all.Entries.Select(e => e.Sequence));
        var appended = batches.SelectMany(b => b).ToDictionary(e => e.Sequence, e => e.Activity.Text);
        Assert.All(all.Entries, e => Assert.Equal(appended[e.Sequence], e.Activity.Text));
        Assert.Equal(100, all.Watermark);
    }

    [Fact]
    public async Task A_read_after_any_watermark_returns_exactly_what_followed_it()
    {
        var transcript = Create(Options());
        var id = NewId();
        var n = 0;
        foreach (var size in new[] { 1, 5, 2, 10, 5 })
        {
            await transcript.AppendAsync(id, Enumerable.Range(0, size).Select(_ => Message($"m{++n}")).ToList());
        }

        for (var watermark = 0; watermark <= 25; watermark++)
        {
            foreach (var max in new[] { 1, 7, 100 })
            {
                var page = await transcript.ReadAsync(id, watermark, max);
                var expected = Enumerable.Range(watermark + 1, Math.Max(0, Math.Min(max, 23 - watermark))).Select(s => (long)s).ToList();
                Assert.Equal(expected, page.Entries.Select(e => e.Sequence));
                Assert.Equal(expected.Select(s => $"m{s}"), page.Entries.Select(e => e.Activity.Text));
                Assert.Equal(expected.Count > 0 ? expected[^1] : watermark, page.Watermark);
            }
        }
    }

    [Fact]
    public async Task The_cap_keeps_the_newest_and_a_watermark_it_passed_resumes_at_the_oldest_kept()
    {
        var transcript = Create(Options(capacity: 10));
        var id = NewId();
        for (var i = 1; i <= 15; i++)
        {
            await transcript.AppendAsync(id, [Message($"m{i}")]);
        }

        await transcript.AppendAsync(id, Enumerable.Range(16, 8).Select(i => Message($"m{i}")).ToList());

        var all = await transcript.ReadAllAsync(id);
        Assert.Equal(Enumerable.Range(14, 10).Select(s => (long)s), all.Entries.Select(e => e.Sequence));
        Assert.Equal("m14", all.Entries[0].Activity.Text);
        Assert.Equal(23, all.Watermark);
        Assert.Equal(14, (await transcript.ReadAsync(id, 5)).Entries[0].Sequence);
        Assert.Equal(Enumerable.Range(16, 8).Select(s => (long)s), (await transcript.ReadAsync(id, 15)).Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task An_idle_transcript_expires_each_append_starts_the_time_again_and_numbering_restarts()
    {
        // Steps of a third of the TTL leave room for a loaded machine's late timers.
        var transcript = Create(Options(ttl: TimeSpan.FromSeconds(3)));
        var id = NewId();
        await transcript.AppendAsync(id, [Message("one")]);
        await PassAsync(TimeSpan.FromSeconds(2));
        await transcript.AppendAsync(id, [Message("two")]);
        await PassAsync(TimeSpan.FromSeconds(2));
        Assert.Equal([1L, 2L], (await transcript.ReadAllAsync(id)).Entries.Select(e => e.Sequence));

        await PassAsync(TimeSpan.FromSeconds(3.5));
        var expired = await transcript.ReadAsync(id, 0);
        Assert.Equal((0, 0L), (expired.Entries.Count, expired.Watermark));
        Assert.Equal(1, Assert.Single(await transcript.AppendAsync(id, [Message("again")])).Sequence);
    }

    [Fact]
    public async Task A_subscriber_on_another_instance_is_called_with_the_last_sequence_of_each_append()
    {
        var transcript = Create(Options());
        var id = NewId();
        var calls = new Calls();
        await using var subscription = await OtherInstance(transcript, Options()).SubscribeAsync(id, calls.RecordAsync);

        await transcript.AppendAsync(id, [Message("a"), Message("b")]);
        await calls.WaitForAsync(2);
        await transcript.AppendAsync(id, [Message("c")]);
        await calls.WaitForAsync(3);

        Assert.Equal([2L, 3L], calls.Seen);
    }

    [Fact]
    public async Task Announcements_on_another_instance_carry_the_appended_entries_as_a_read_returns_them()
    {
        var transcript = Create(Options());
        var id = NewId();
        var calls = new Calls();
        await using var subscription = await OtherInstance(transcript, Options()).SubscribeAsync(id, calls.RecordAsync);

        await transcript.AppendAsync(id, [Message("a") with { ChannelData = JsonDocument.Parse("""{"clientActivityID":"x1"}""").RootElement }, Message("b")]);
        await calls.WaitForAsync(2);
        await transcript.AppendAsync(id, [Message("c")]);
        await calls.WaitForAsync(3);

        var announced = calls.Announcements.SelectMany(a => a.Entries).ToList();
        var read = (await transcript.ReadAsync(id, 0)).Entries;
        Assert.Equal(Json(read), Json(announced));
        var merged = new TranscriptAnnouncement(3, announced);
        Assert.Equal(Json(read.Skip(1)), Json(merged.After(1)!.Entries));
        Assert.Equal(3, merged.After(1)!.Watermark);
    }

    [Fact]
    public async Task TryAppend_and_Exists_see_only_a_transcript_that_was_started()
    {
        var transcript = Create(Options());
        var id = NewId();

        Assert.False(await transcript.ExistsAsync(id));
        Assert.Null(await transcript.TryAppendAsync(id, [Message("a")], AppendRule.Existing));
        Assert.Null(await transcript.TryAppendAsync(id, [], AppendRule.Existing));
        Assert.False(await transcript.ExistsAsync(id));
        Assert.Empty((await transcript.ReadAsync(id, 0)).Entries);

        await transcript.AppendAsync(id, [Message("welcome")]);
        Assert.True(await OtherInstance(transcript, Options()).ExistsAsync(id));
        Assert.Equal(2, Assert.Single((await transcript.TryAppendAsync(id, [Message("a")], AppendRule.Existing))!).Sequence);
        Assert.Equal(["welcome", "a"], (await transcript.ReadAllAsync(id)).Entries.Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task The_floor_is_the_bots_until_passed_and_only_its_holder_may_append_as_speaker()
    {
        var transcript = Create(Options());
        var other = OtherInstance(transcript, Options());
        var id = NewId();
        await transcript.AppendAsync(id, [Message("welcome")]);
        Assert.Equal(Floor.Bot, await transcript.FloorAsync(id));
        Assert.NotNull(await transcript.TryAppendAsync(id, [Message("bot 1")], AppendRule.As(Floor.Bot)));

        var joined = await transcript.TryAppendAsync(id, [Message("alice joined")], AppendRule.As(Floor.Bot) with { PassFloorTo = Floor.Agent("alice") });
        Assert.NotNull(joined);
        Assert.Equal(Floor.Agent("alice"), await other.FloorAsync(id));
        Assert.Null(await other.TryAppendAsync(id, [Message("bot 2")], AppendRule.As(Floor.Bot)));
        Assert.Null(await other.TryAppendAsync(id, [Message("bob")], AppendRule.As(Floor.Agent("bob"))));
        Assert.NotNull(await other.TryAppendAsync(id, [Message("alice 1")], AppendRule.As(Floor.Agent("alice"))));
        Assert.NotNull(await transcript.AppendAsync(id, [Message("customer")])); // the customer always may

        await transcript.TryAppendAsync(id, [Message("alice left")], AppendRule.As(Floor.Agent("alice")) with { PassFloorTo = Floor.Bot });
        Assert.Null(await transcript.TryAppendAsync(id, [Message("alice 2")], AppendRule.As(Floor.Agent("alice"))));
        Assert.NotNull(await transcript.TryAppendAsync(id, [Message("bot 3")], AppendRule.As(Floor.Bot)));
        Assert.Equal(["welcome", "bot 1", "alice joined", "alice 1", "customer", "alice left", "bot 3"],
            (await transcript.ReadAllAsync(id)).Entries.Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task Racing_bot_replies_and_an_agent_join_never_put_a_bot_reply_after_the_join()
    {
        var transcript = Create(Options());
        var other = OtherInstance(transcript, Options());
        var id = NewId();
        await transcript.AppendAsync(id, [Message("welcome")]);
        var bot = Enumerable.Range(0, 40).Select(i => Task.Run(() => other.TryAppendAsync(id, [Message($"bot {i}")], AppendRule.As(Floor.Bot))));
        var join = Task.Run(async () =>
        {
            await Task.Delay(2);
            return await transcript.TryAppendAsync(id, [Message("joined")], new AppendRule { PassFloorTo = Floor.Agent("alice") });
        });
        await Task.WhenAll([.. bot, join]);

        var texts = (await transcript.ReadAllAsync(id)).Entries.Select(e => e.Activity.Text).ToList();
        Assert.DoesNotContain(texts.SkipWhile(t => t != "joined").Skip(1), t => t!.StartsWith("bot", StringComparison.Ordinal));
        Assert.Contains("joined", texts);
    }

    [Fact]
    public async Task Disposing_a_subscription_stops_its_callbacks_and_no_other()
    {
        var transcript = Create(Options());
        var other = OtherInstance(transcript, Options());
        var id = NewId();
        var stopped = new Calls();
        var kept = new Calls();
        var toStop = await other.SubscribeAsync(id, stopped.RecordAsync);
        await using var toKeep = await other.SubscribeAsync(id, kept.RecordAsync);
        await transcript.AppendAsync(id, [Message("a")]);
        await Task.WhenAll(stopped.WaitForAsync(1), kept.WaitForAsync(1));

        await toStop.DisposeAsync();
        await transcript.AppendAsync(id, [Message("b")]);
        await kept.WaitForAsync(2);
        await Task.Delay(300);

        Assert.Equal([1L], stopped.Seen);
        Assert.Equal([1L, 2L], kept.Seen);
    }

    [Fact]
    public async Task Calls_of_one_subscription_come_one_at_a_time_in_order_and_end_on_the_newest()
    {
        var transcript = Create(Options());
        var id = NewId();
        var active = 0;
        var overlapped = false;
        var calls = new Calls();
        await using var subscription = await OtherInstance(transcript, Options()).SubscribeAsync(id, async announcement =>
        {
            var sequence = announcement.LastSequence;
            overlapped |= Interlocked.Increment(ref active) > 1;
            await Task.Delay(20);
            Interlocked.Decrement(ref active);
            await calls.RecordAsync(sequence);
        });

        for (var i = 0; i < 30; i++)
        {
            await transcript.AppendAsync(id, [Message($"m{i}")]);
        }

        await calls.WaitForAsync(30);
        Assert.False(overlapped);
        Assert.Equal(calls.Seen.Order(), calls.Seen);
        Assert.Equal(calls.Seen.Distinct(), calls.Seen);
        Assert.Equal(30, calls.Seen[^1]);
    }

    [Fact]
    public async Task A_failing_callback_is_logged_and_called_again_on_the_next_append()
    {
        var transcript = Create(Options());
        var id = NewId();
        var calls = new Calls();
        await using var subscription = await OtherInstance(transcript, Options()).SubscribeAsync(id, async announcement =>
        {
            await calls.RecordAsync(announcement.LastSequence);
            throw new InvalidOperationException("the stream closed");
        });

        await transcript.AppendAsync(id, [Message("a")]);
        await calls.WaitForAsync(1);
        await transcript.AppendAsync(id, [Message("b")]);
        await calls.WaitForAsync(2);

        var failure = Assert.Single(Logs.GetSnapshot(), r => r.Exception is InvalidOperationException && r.Message.Contains("sequence 1", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains(id, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversations_are_kept_and_announced_apart()
    {
        var transcript = Create(Options());
        var (mine, theirs) = (NewId(), NewId());
        var calls = new Calls();
        await using var subscription = await OtherInstance(transcript, Options()).SubscribeAsync(theirs, calls.RecordAsync);

        await transcript.AppendAsync(mine, [Message("a")]);
        await Task.Delay(300);

        Assert.Empty(calls.Seen);
        Assert.Empty((await transcript.ReadAsync(theirs, 0)).Entries);
        Assert.Equal(1, Assert.Single(await transcript.AppendAsync(theirs, [Message("b")])).Sequence);
    }

    [Fact]
    public async Task Entry_ids_derive_from_the_sequence_and_round_trip_through_TranscriptIds()
    {
        var transcript = Create(Options());
        var id = NewId();
        var appended = await transcript.AppendAsync(id, [Message("a") with { Id = "client-7" }, Message("b")]);
        var read = (await transcript.ReadAsync(id, 0)).Entries;

        Assert.Equal([TranscriptIds.Format(id, 1), TranscriptIds.Format(id, 2)], appended.Select(e => e.Activity.Id));
        Assert.Equal(appended.Select(e => e.Activity.Id), read.Select(e => e.Activity.Id));
        Assert.All(read, e => Assert.True(TranscriptIds.TryParseSequence(e.Activity.Id, out var sequence) && sequence == e.Sequence));
    }

    [Fact]
    public async Task Every_field_survives_including_channel_data_and_fields_the_activity_type_does_not_name()
    {
        const string Json = """
            {
              "type": "message", "id": "client-1", "timestamp": "2024-06-18T10:00:00.123+08:00",
              "localTimestamp": "2024-06-18T10:00:00.123+08:00", "serviceUrl": "https://example.invalid/",
              "from": { "id": "c-alice", "name": "Alice", "role": "user" }, "conversation": { "id": "conv-x" },
              "text": "**耳机**坏了", "textFormat": "markdown", "locale": "zh-CN", "inputHint": "expectingInput",
              "suggestedActions": { "actions": [ { "title": "是", "value": "yes", "type": "imBack" } ] },
              "attachments": [ { "contentType": "image/jpeg", "contentUrl": "https://files.example/1.jpg", "name": "1.jpg", "contentLength": 200000 } ],
              "replyToId": "conv-x|0000003",
              "channelData": { "clientActivityID": "abc123", "clientTimestamp": "2024-06-18T02:00:00.000Z", "nested": { "list": [1, 2.5, null, true] } },
              "name": "handoff.status", "value": { "owner": "agent", "position": 2 },
              "entities": [ { "type": "ClientCapabilities", "requiresBotState": true } ], "x-custom": 5
            }
            """;
        var transcript = Create(Options());
        var id = NewId();
        await transcript.AppendAsync(id, [JsonSerializer.Deserialize(Json, ActivityJsonContext.Default.Activity)!]);

        var read = Assert.Single((await transcript.ReadAsync(id, 0)).Entries).Activity;

        var expected = JsonNode.Parse(Json)!.AsObject();
        expected["id"] = TranscriptIds.Format(id, 1);
        var actual = JsonNode.Parse(JsonSerializer.Serialize(read, ActivityJsonContext.Default.Activity));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}, got {actual!.ToJsonString()}");
    }

    [Fact]
    public async Task An_empty_append_takes_no_sequence()
    {
        var transcript = Create(Options());
        var id = NewId();
        Assert.Empty(await transcript.AppendAsync(id, []));
        Assert.Equal(1, Assert.Single(await transcript.AppendAsync(id, [Message("a")])).Sequence);
    }

    [Theory]
    [InlineData("a:b")]
    [InlineData("{c}")]
    [InlineData("")]
    public async Task An_unsafe_conversation_id_is_refused(string id)
    {
        var transcript = Create(Options());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => transcript.AppendAsync(id, [Message("a")]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => transcript.ReadAsync(id, 0));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => transcript.SubscribeAsync(id, _ => Task.CompletedTask));
    }

    [Fact]
    public async Task A_negative_watermark_or_an_empty_page_is_refused()
    {
        var transcript = Create(Options());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => transcript.ReadAsync(NewId(), -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => transcript.ReadAsync(NewId(), 0, max: 0));
    }

    private static List<string> Json(IEnumerable<TranscriptEntry> entries) =>
        entries.Select(e => $"{e.Sequence} {JsonSerializer.Serialize(e.Activity, ActivityJsonContext.Default.Activity)}").ToList();

    /// <summary>The sequences a callback was called with, and a way to wait for one.</summary>
    protected sealed class Calls
    {
        private readonly ConcurrentQueue<long> _seen = new();

        public List<long> Seen => [.. _seen];

        public ConcurrentQueue<TranscriptAnnouncement> Announcements { get; } = new();

        public Task RecordAsync(TranscriptAnnouncement announcement)
        {
            Announcements.Enqueue(announcement);
            return RecordAsync(announcement.LastSequence);
        }

        public Task RecordAsync(long sequence)
        {
            _seen.Enqueue(sequence);
            return Task.CompletedTask;
        }

        public async Task WaitForAsync(long sequence)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!_seen.Any(s => s >= sequence))
            {
                Assert.True(DateTime.UtcNow < deadline, $"no call with {sequence} within {Patience.TotalSeconds} s; calls: {string.Join(", ", _seen)}");
                await Task.Delay(10);
            }
        }
    }
}
