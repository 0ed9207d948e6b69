using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// Tells waiting customers their new place and wait when it changes (someone ahead was taken or left, a complaint
/// went ahead): the first <see cref="Watched"/> of the line, each change once across instances.
/// </summary>
public sealed partial class PositionAnnouncer(WaitingLine line, ToldPositions told, ITranscript transcript, ILogger<PositionAnnouncer> logger)
{
    /// <summary>Places further back change with every claim; they hear when they come this close (and saw their place on arrival).</summary>
    public const int Watched = 50;

    /// <summary>Records <paramref name="position"/> as told to a customer who just saw it.</summary>
    public Task ToldAsync(string conversationId, long position, CancellationToken cancellationToken) => told.ChangedAsync(conversationId, position, cancellationToken);

    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var waiting in await line.ListAsync(Watched, cancellationToken))
            {
                if (!await told.ChangedAsync(waiting.ConversationId, waiting.Position, cancellationToken))
                {
                    continue;
                }

                var estimate = await line.EstimateAsync(waiting.ConversationId, cancellationToken);
                var id = waiting.ConversationId;
                await transcript.TryAppendAsync(id,
                [
                    HandoffActivities.Message(id, HandoffActivities.QueuedText(waiting.Language, waiting.Position, estimate.Wait), waiting.Language),
                    HandoffActivities.StatusEvent(id, "queued", waiting.Language, waiting.Position, estimate.Wait),
                ], AppendRule.As(Floor.Bot), cancellationToken);
            }
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogAnnounceFailed(logger, e); // the next change tells them
        }
    }

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Could not tell waiting customers their new places")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception);
}
