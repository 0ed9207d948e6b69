using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// The turn pipeline's side of the handoff on Redis: escalation writes the agent's context, joins the queue (an
/// offline ticket outside service hours) and tells the customer their place and wait; a customer may stop waiting;
/// the first 1-5 after a handback answers the satisfaction survey.
/// </summary>
public sealed partial class HandoffDesk(
    ConversationOwners owners, WaitingLine line, HandoffContexts contexts, SatisfactionSurveys surveys, ITranscript transcript,
    ServiceHours hours, IAgentConsoles consoles, PositionAnnouncer positions, TimeProvider time, ILogger<HandoffDesk> logger) : IHandoffDesk
{
    /// <summary>How much of the transcript goes with handoff.initiate (the agent reads the rest in the console).</summary>
    private const int InitiateTranscript = 50;

    public Task<ConversationOwner> OwnerAsync(string conversationId, CancellationToken cancellationToken) => owners.ReadAsync(conversationId, cancellationToken);

    public async Task EscalateAsync(TurnContext turn, Escalation escalation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(escalation);
        var skill = SkillFor(escalation, turn.Text);
        var offline = !hours.IsOpen(time.GetUtcNow());
        var history = (await transcript.ReadAllAsync(turn.ConversationId, 0, cancellationToken)).Entries.Select(e => e.Activity).ToList();
        var context = await HandoffContextBuilder.BuildAsync(turn, escalation, skill, history, cancellationToken);
        await contexts.WriteAsync(turn.ConversationId, context.ToJsonString(), cancellationToken);

        var request = new HandoffRequest(escalation.Trigger, escalation.Evidence, skill, escalation.Priority, turn.Locale, turn.CustomerId, offline);
        var result = await line.EnqueueAsync(turn.ConversationId, request, cancellationToken);
        LogEscalated(logger, turn.ConversationId, escalation.Trigger, skill, result.Outcome);
        if (result.Outcome == HandoffOutcome.QueueFull)
        {
            var policy = turn.Services.Knowledge.Policy;
            turn.Send(turn.T("HandoffQueueFull", policy.Get("hotline", turn.Locale) ?? ""), TurnProcessor.HomeActions(turn));
            return;
        }

        var estimate = await line.EstimateAsync(turn.ConversationId, cancellationToken);
        var stopWaiting = new CardAction(turn.T("ActionStopWaiting"), turn.T("ActionStopWaiting"));
        var text = offline
            ? turn.T("HandoffOffline", hours.Opens, turn.Services.Knowledge.Policy.Get("service_hours", turn.Locale) ?? "") + "\n\n" + HandoffActivities.QueuedText(turn.Locale, estimate.Position, null)
            : HandoffActivities.QueuedText(turn.Locale, estimate.Position, estimate.Wait);
        turn.Send(text, [stopWaiting]);
        if (result.Changes.Count > 0)
        {
            turn.Send(HandoffActivities.InitiateEvent(turn.ConversationId, turn.Locale, escalation, skill, history.TakeLast(InitiateTranscript)));
        }

        turn.Send(HandoffActivities.StatusEvent(turn.ConversationId, offline ? "offline" : "queued", turn.Locale, estimate.Position, estimate.Wait));
        await positions.ToldAsync(turn.ConversationId, estimate.Position, cancellationToken);
        await positions.AnnounceAsync(cancellationToken); // one who went ahead (a complaint) moves the others back
        await consoles.QueueChangedAsync();
    }

    public async Task StopWaitingAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var result = await line.CancelAsync(turn.ConversationId, cancellationToken);
        if (result.Outcome != HandoffOutcome.Ok)
        {
            return; // an agent took it meanwhile: the join message says so
        }

        turn.Send(turn.T("HandoffStoppedWaiting"), TurnProcessor.HomeActions(turn));
        turn.Send(HandoffActivities.StatusEvent(turn.ConversationId, "bot", turn.Locale));
        await positions.AnnounceAsync(cancellationToken);
        await consoles.QueueChangedAsync();
    }

    public async Task<bool> TryRecordSatisfactionAsync(TurnContext turn, int score, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await surveys.RecordAsync(turn.ConversationId, score, cancellationToken) is null)
        {
            return false;
        }

        turn.Send(turn.T("SatisfactionThanks", score), TurnProcessor.HomeActions(turn));
        return true;
    }

    /// <summary>Refund matters to refund agents, parcels to logistics; a plain request for a person to anyone (general).</summary>
    public static Skill SkillFor(Escalation escalation, string text)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var dialog = escalation.Dialog?["name"]?.GetValue<string>() ?? "";
        return escalation.Trigger is Escalation.Intervention or Escalation.Overdue ? Skill.Refund
            : dialog == Dialogs.Refund.ReturnShipmentDialog.Name ? Skill.Logistics
            : dialog.Length > 0 ? Skill.Refund
            : escalation.Trigger == Escalation.Asked ? Skill.General
            : LogisticsWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)) ? Skill.Logistics
            : RefundWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)) ? Skill.Refund
            : Skill.General;
    }

    private static readonly string[] LogisticsWords = ["物流", "快递", "发货", "包裹", "签收", "shipping", "delivery", "parcel", "courier"];
    private static readonly string[] RefundWords = ["退款", "退货", "退钱", "refund", "return"];

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Conversation {ConversationId} asked for an agent ({Trigger}, skill {Skill}): {Outcome}")]
    private static partial void LogEscalated(ILogger logger, string conversationId, string trigger, Skill skill, HandoffOutcome outcome);
}
