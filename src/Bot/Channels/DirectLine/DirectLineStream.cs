using System.Net.WebSockets;
using System.Text.Json;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Channels.DirectLine;

/// <summary>
/// The WebSocket at a conversation's streamUrl: on connect everything after the watermark (all of it without one,
/// so the welcome is never lost), then every activity as the transcript grows, on whichever instance it was
/// written, as frames {"activities":[…],"watermark":"N"}; an empty frame now and then keeps proxies from closing
/// an idle socket. What the client sends (its empty keep-alives) is read and ignored.
/// </summary>
internal static partial class DirectLineStream
{
    public static async Task RunAsync(string id, string? watermark, string? t, HttpContext http, DirectLineTokens tokens, ITranscript transcript,
        DirectLineOptions options, ILoggerFactory loggers)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await DirectLineErrors.BadRequest("This is a WebSocket endpoint.").ExecuteAsync(http);
            return;
        }

        var (_, failure) = await DirectLineEndpoints.AuthorizeAsync(http, tokens, id, presented: t);
        if (failure is null && !DirectLineEndpoints.TryWatermark(watermark, out _))
        {
            failure = DirectLineErrors.BadRequest("watermark must be a whole number.");
        }

        if (failure is null && !await DirectLineEndpoints.ExistsAsync(transcript, id, http.RequestAborted))
        {
            failure = DirectLineErrors.NotFound(id);
        }

        if (failure is not null)
        {
            await failure.ExecuteAsync(http);
            return;
        }

        DirectLineEndpoints.TryWatermark(watermark, out var sent);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var grew = new SemaphoreSlim(0);
        var announced = new AnnouncedEntries();
        await using var subscription = await transcript.SubscribeAsync(id, announcement =>
        {
            announced.Add(announcement);
            grew.Release();
            return Task.CompletedTask;
        }, closing.Token);

        var reading = DrainClientAsync(socket, closing);
        try
        {
            var mustRead = true; // the backlog first
            while (!closing.IsCancellationRequested)
            {
                // What announcements carried is sent as it is when it follows on from what was sent; else it reads.
                var page = mustRead ? null : announced.Take().After(sent);
                if (page is null)
                {
                    do
                    {
                        page = await transcript.ReadAsync(id, sent, 100, closing.Token);
                        await SendAsync(socket, page, closing.Token);
                        sent = page.Watermark;
                    }
                    while (page.Entries.Count == 100);
                }
                else
                {
                    await SendAsync(socket, page, closing.Token);
                    sent = page.Watermark;
                }

                // Woken by an append, or every keep-alive period: then it reads too, since pub/sub keeps nothing
                // for an instance that was reconnecting to Redis when the announcement went out.
                mustRead = !await grew.WaitAsync(options.KeepAlive, closing.Token);
                if (mustRead)
                {
                    await SendAsync(socket, [], closing.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or the service is stopping.
        }
#pragma warning disable CA1031 // A failing stream (Redis gone) closes this socket; the client reconnects with its watermark.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStreamFailed(loggers.CreateLogger(typeof(DirectLineStream)), e, id);
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "stream failed; reconnect", CancellationToken.None);
            }
        }
        finally
        {
            await closing.CancelAsync();
            await reading;
        }
    }

    /// <summary>Sends the page's activities; an empty page sends nothing.</summary>
    private static Task SendAsync(WebSocket socket, TranscriptPage page, CancellationToken cancellationToken) =>
        page.Entries.Count == 0
            ? Task.CompletedTask
            : SendAsync(socket, JsonSerializer.SerializeToUtf8Bytes(DirectLineEndpoints.ToSet(page), DirectLineJsonContext.Default.ActivitySet), cancellationToken);

    private static Task SendAsync(WebSocket socket, byte[] frame, CancellationToken cancellationToken) =>
        socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Reads (and drops) what the client sends, and ends the stream when the client closes.</summary>
    private static async Task DrainClientAsync(WebSocket socket, CancellationTokenSource closing)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed or aborted.
        }
        finally
        {
            await closing.CancelAsync();
        }
    }

    /// <summary>The announcements not yet sent, merged: a wake-up that finds none was served by the one before it.</summary>
    private sealed class AnnouncedEntries
    {
        private readonly Lock _gate = new();
        private TranscriptAnnouncement? _pending;

        public void Add(TranscriptAnnouncement announcement)
        {
            lock (_gate)
            {
                _pending = _pending is null
                    ? announcement
                    : new TranscriptAnnouncement(Math.Max(_pending.LastSequence, announcement.LastSequence), [.. _pending.Entries, .. announcement.Entries]);
            }
        }

        /// <summary>What was announced since the last take; an empty announcement when nothing was (nothing to send).</summary>
        public TranscriptAnnouncement Take()
        {
            lock (_gate)
            {
                var taken = _pending ?? new TranscriptAnnouncement(0, []);
                _pending = null;
                return taken;
            }
        }
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Direct Line stream of conversation {ConversationId} failed; the client will reconnect")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string conversationId);
}
