using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Channels.DirectLine;

/// <summary>
/// Runs the bot's turn for each posted activity after the HTTP response, and writes its replies to the transcript,
/// where every open stream (on any instance) picks them up. Turns of one conversation posted to this instance run
/// one after another in posting order; across instances the conversation lock keeps them one at a time.
/// </summary>
public sealed partial class DirectLineTurns(TurnProcessor processor, ITranscript transcript, IHostApplicationLifetime lifetime, ILogger<DirectLineTurns> logger)
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Queues the turn for <paramref name="activity"/> (as stored, with its server id); returns at once.</summary>
    public void Enqueue(Activity activity)
    {
        var conversationId = activity.Conversation!.Id;
        Task next;
        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(conversationId) ?? Task.CompletedTask;
            next = previous.ContinueWith(_ => RunAsync(activity), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            _tails[conversationId] = next;
        }

        _ = next.ContinueWith(_ =>
        {
            lock (_gate)
            {
                if (_tails.TryGetValue(conversationId, out var tail) && tail == next)
                {
                    _tails.Remove(conversationId);
                }
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Runs a turn now and stores its replies (the conversation's welcome, before the conversation is handed out).</summary>
    public async Task RunNowAsync(Activity activity, CancellationToken cancellationToken)
    {
        var replies = await processor.ProcessAsync(activity, cancellationToken);
        // The bot speaks only while it holds the floor: a reply racing an agent's join is dropped, never shown after it.
        if (replies.Count > 0 && await transcript.TryAppendAsync(activity.Conversation!.Id, replies, AppendRule.As(Floor.Bot), cancellationToken) is null)
        {
            LogRepliesDropped(logger, activity.Conversation!.Id, replies.Count);
        }
    }

    /// <summary>A turn slower than this shows the customer the bot is typing (most take a few milliseconds and show nothing).</summary>
    public static TimeSpan TypingAfter { get; } = TimeSpan.FromMilliseconds(250);

    private async Task RunAsync(Activity activity)
    {
        using var finished = new CancellationTokenSource();
        var typing = activity.Type == ActivityTypes.Message ? ShowTypingAsync(activity, finished.Token) : Task.CompletedTask;
        try
        {
            await RunNowAsync(activity, lifetime.ApplicationStopping);
        }
#pragma warning disable CA1031 // A failed background turn is logged; the customer already has the apology or nothing to lose.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogTurnFailed(logger, e, activity.Conversation!.Id);
        }
        finally
        {
            await finished.CancelAsync();
            await typing;
        }
    }

    private async Task ShowTypingAsync(Activity activity, CancellationToken finished)
    {
        try
        {
            await Task.Delay(TypingAfter, finished);
            var typing = new Activity
            {
                Type = ActivityTypes.Typing,
                From = TurnContext.Bot,
                Conversation = activity.Conversation,
                ReplyToId = activity.Id,
            };
            await transcript.TryAppendAsync(activity.Conversation!.Id, [typing], AppendRule.As(Floor.Bot), lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            // The turn was quicker: nothing to show.
        }
#pragma warning disable CA1031 // A lost typing indicator is not worth failing the turn over.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogTypingFailed(logger, e, activity.Conversation!.Id);
        }
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Could not show the bot typing in conversation {ConversationId}")]
    private static partial void LogTypingFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Dropped {Count} bot replies in conversation {ConversationId}: an agent has the floor")]
    private static partial void LogRepliesDropped(ILogger logger, string conversationId, int count);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Direct Line turn in conversation {ConversationId} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string conversationId);
}
