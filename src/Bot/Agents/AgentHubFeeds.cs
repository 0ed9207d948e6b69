using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Agents;

/// <summary>
/// The transcripts this instance's console connections watch: one subscription per (connection, conversation),
/// sending each new activity once, in order, as <c>activity(conversationId, activity)</c>; what an announcement did
/// not carry is read from the watermark.
/// </summary>
public sealed partial class AgentHubFeeds(ITranscript transcript, IHubContext<AgentHub> hub, ILogger<AgentHubFeeds> logger)
{
    private readonly ConcurrentDictionary<(string Connection, string Conversation), Feed> _feeds = new();

    public async Task StartAsync(string connectionId, string conversationId, long watermark, CancellationToken cancellationToken)
    {
        var feed = new Feed(watermark);
        if (!_feeds.TryAdd((connectionId, conversationId), feed))
        {
            return; // already watching
        }

        feed.Subscription = await transcript.SubscribeAsync(conversationId, async announcement =>
        {
            var page = announcement.After(feed.Watermark) ?? await transcript.ReadAsync(conversationId, feed.Watermark);
            foreach (var entry in page.Entries)
            {
                await hub.Clients.Client(connectionId).SendAsync("activity", conversationId, entry.Activity);
            }

            feed.Watermark = page.Watermark;
        }, cancellationToken);
        LogWatching(logger, connectionId, conversationId);
    }

    public void Stop(string connectionId, string conversationId)
    {
        if (_feeds.TryRemove((connectionId, conversationId), out var feed))
        {
            _ = feed.Subscription?.DisposeAsync().AsTask();
        }
    }

    public void StopAll(string connectionId)
    {
        foreach (var key in _feeds.Keys.Where(k => k.Connection == connectionId))
        {
            Stop(key.Connection, key.Conversation);
        }
    }

    private sealed class Feed(long watermark)
    {
        public long Watermark { get; set; } = watermark;

        public IAsyncDisposable? Subscription { get; set; }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Console connection {ConnectionId} watches conversation {ConversationId}")]
    private static partial void LogWatching(ILogger logger, string connectionId, string conversationId);
}
