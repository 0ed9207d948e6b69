using ServiceBot.Bot.Resources;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// Turns what a queue operation changed into what the customer and the consoles see: "Agent Alice joined" passes the
/// floor to the agent in the same append (so no bot reply lands after it); a handback gives the floor back to the
/// bot and opens the satisfaction survey; a chat put back in line (agent gone silent, transfer to a skill) says so
/// with the new place. Every change also goes out as a handoff.status event and to the consoles.
/// </summary>
public sealed partial class HandoffNotices(
    ITranscript transcript, WaitingLine line, ConversationOwners owners, SatisfactionSurveys surveys, IAgentNames names, IAgentConsoles consoles, PositionAnnouncer positions,
    ILogger<HandoffNotices> logger)
{
    /// <param name="locale">The customer's language when the caller knows it (the record may be gone after a handback).</param>
    public async Task PublishAsync(HandoffResult result, string? locale = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var change in result.Changes)
        {
            try
            {
                await PublishAsync(change, locale, cancellationToken);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                // The change itself is done; the customer learns it from the next status or message.
                LogNoticeFailed(logger, e, change.ConversationId, change.Kind);
            }
        }

        if (result.Changes.Count > 0)
        {
            await positions.AnnounceAsync(cancellationToken);
            await consoles.QueueChangedAsync();
        }
    }

    private async Task PublishAsync(StatusChange change, string? locale, CancellationToken cancellationToken)
    {
        var id = change.ConversationId;
        locale ??= (await owners.ReadAsync(id, cancellationToken)).Request?.Language is { Length: > 0 } language ? language : Knowledge.Model.Locales.Chinese;
        switch (change.Kind)
        {
            case OwnerKind.Agent:
                var name = names.NameOf(change.Agent!);
                var text = change.FromAgent is { } from && from != change.Agent
                    ? BotText.Format("HandoffTransferred", locale, name)
                    : BotText.Format("HandoffAgentJoined", locale, name);
                await transcript.TryAppendAsync(id, [HandoffActivities.Message(id, text, locale), HandoffActivities.StatusEvent(id, "agent", locale, agentName: name)],
                    new AppendRule { PassFloorTo = Floor.Agent(change.Agent!) }, cancellationToken);
                break;
            case OwnerKind.Queued when change.FromAgent is not null:
                var estimate = await line.EstimateAsync(id, cancellationToken);
                await positions.ToldAsync(id, estimate.Position, cancellationToken);
                await transcript.TryAppendAsync(id,
                [
                    HandoffActivities.Message(id, BotText.Format("HandoffRequeued", locale, names.NameOf(change.FromAgent)) + "\n\n" +
                        HandoffActivities.QueuedText(locale, estimate.Position, estimate.Wait), locale),
                    HandoffActivities.StatusEvent(id, "queued", locale, estimate.Position, estimate.Wait),
                ], new AppendRule { PassFloorTo = Floor.Bot }, cancellationToken);
                break;
            case OwnerKind.Bot when change.FromAgent is not null:
                await surveys.OpenAsync(id, change.FromAgent, cancellationToken);
                await transcript.TryAppendAsync(id,
                [
                    HandoffActivities.Message(id, BotText.Get("HandoffEnded", locale), locale, HandoffActivities.SurveyActions),
                    HandoffActivities.StatusEvent(id, "bot", locale),
                ], new AppendRule { PassFloorTo = Floor.Bot }, cancellationToken);
                break;
        }

        await consoles.ConversationChangedAsync(id, change.Kind.Name(), change.Agent);
    }

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Could not tell conversation {ConversationId} it is now {Kind}")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, string conversationId, OwnerKind kind);
}
