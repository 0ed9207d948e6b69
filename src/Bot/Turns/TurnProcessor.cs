using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Agents.Handoff;
using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Dialogs;
using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Dialogs.Refund;
using ServiceBot.Bot.Hosting;
using ServiceBot.Bot.Resources;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Redis;
using ServiceBot.Knowledge.Text;

namespace ServiceBot.Bot.Turns;

/// <summary>
/// The turn pipeline: take the conversation (one turn at a time, arrival order) → an agent owns it? then the bot
/// stays silent (the agent reads the transcript) → interruptions first (cancel, help, restart, human, complaint) →
/// the active dialog continues, or an intent starts one, or the knowledge base answers, clarifies or falls back →
/// a human asked for (or two fallbacks, or a prompt given up) joins the agent queue → save → replies.
/// A failing turn answers politely and leaves the saved state as it was.
/// </summary>
public sealed partial class TurnProcessor(
    IConversationStore store, DialogSet dialogs, TurnServices services, IHandoffDesk desk, ConversationOptions options, InputLimits limits, ILogger<TurnProcessor> logger)
{
    /// <summary>However fast a customer writes, a conversation's state remembers at most this many message ids.</summary>
    private const int RememberedMessagesCap = 1000;

    /// <exception cref="ArgumentException">The activity has no usable conversation id or sender.</exception>
    /// <exception cref="ConversationAccessDeniedException">The conversation belongs to another customer (nothing changed).</exception>
    public async Task<IReadOnlyList<Activity>> ProcessAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var conversationId = RedisKeys.RequireSafeId(activity.Conversation?.Id ?? "", "conversation id");
        var customerId = RedisKeys.RequireSafeId(activity.From?.Id ?? "", "sender id");
        var locale = Knowledge.Model.Locales.Parse(activity.Locale) ?? Knowledge.Model.Locales.Chinese;
        if (activity.Type is ActivityTypes.Typing or ActivityTypes.Event)
        {
            return []; // Nothing to answer (yet: handoff events come with the handoff).
        }

        if (activity.Text is { Length: > 0 } text && text.Trim().Length > limits.MessageChars)
        {
            // Refused before the conversation is touched: the dialog waits at its step for a shorter message.
            return [Reply(activity, conversationId, BotText.Format("MessageTooLong", locale, limits.MessageChars), locale)];
        }

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                if (await TryTurnAsync(activity, conversationId, customerId, cancellationToken) is { } replies)
                {
                    return replies;
                }

                LogLeaseLost(logger, conversationId, attempt);
            }
            catch (ConversationAccessDeniedException)
            {
                LogAccessDenied(logger, conversationId, customerId);
                throw;
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                LogStoreFailed(logger, e, conversationId);
                break;
            }
        }

        return [Apology(activity, conversationId, locale)];
    }

    /// <summary>One attempt at the turn; null when another turn took the conversation over before this one saved.</summary>
    private async Task<IReadOnlyList<Activity>?> TryTurnAsync(Activity activity, string conversationId, string customerId, CancellationToken cancellationToken)
    {
        await using var lease = await store.EnterAsync(conversationId, customerId, cancellationToken);
        var state = lease.State;
        if (activity.Id is { } messageId && state.HasProcessed(messageId))
        {
            return []; // Redelivered: it was processed already.
        }

        var turn = new TurnContext(activity, conversationId, customerId, state, services, cancellationToken);
        try
        {
            await RouteAsync(turn, cancellationToken);
            if (turn.Escalation is { } escalation)
            {
                new DialogContext(dialogs, turn.State.Stack, turn).CancelAll();
                await desk.EscalateAsync(turn, escalation, cancellationToken);
            }
        }
#pragma warning disable CA1031 // One bad turn must not take the conversation down; the state stays as it was.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogTurnFailed(logger, e, conversationId);
            return [Apology(activity, conversationId, turn.Locale)];
        }

        state.Locale = turn.Locale;
        state.CustomerId = customerId;
        if (activity.Id is { } processedId)
        {
            state.RememberProcessed(processedId, services.Time.GetUtcNow(), options.RedeliveryWindow, RememberedMessagesCap);
        }

        try
        {
            await lease.CommitAsync(cancellationToken);
            return turn.Replies;
        }
        catch (LeaseLostException)
        {
            return null;
        }
    }

    private async Task RouteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.Locale = ChooseLocale(turn);
        if (turn.Activity.Type == ActivityTypes.ConversationUpdate)
        {
            turn.Send(turn.T("Welcome"), HomeActions(turn)); // the conversation opened: greet before anything is asked
            return;
        }

        var owner = await desk.OwnerAsync(turn.ConversationId, cancellationToken);
        if (owner.Kind == OwnerKind.Agent)
        {
            return; // The agent answers: the message is in the transcript their console follows.
        }

        if (SatisfactionScore(turn.Text) is { } score && await desk.TryRecordSatisfactionAsync(turn, score, cancellationToken))
        {
            return;
        }

        var dc = new DialogContext(dialogs, turn.State.Stack, turn, turn.Services.Knowledge);
        var intent = IntentRecognizer.Recognize(turn.Text);
        if (intent == Intent.StopWaiting && owner.Kind is OwnerKind.Queued or OwnerKind.Offered)
        {
            await desk.StopWaitingAsync(turn, cancellationToken);
            return;
        }

        if (intent == Intent.None && EscalationSignals.IsComplaint(turn.Text))
        {
            turn.RequestHandoff(Escalation.Complaint, turn.Text, Priority.Complaint);
            return;
        }

        switch (intent)
        {
            case Intent.Cancel:
                turn.Send(turn.T(dc.Active is null ? "NothingToCancel" : "Cancelled"), HomeActions(turn));
                dc.CancelAll();
                return;
            case Intent.Help:
                turn.Send(turn.T("Help"), HomeActions(turn));
                await dc.RepromptAsync();
                return;
            case Intent.Human:
                var (trigger, priority) = HumanTrigger(turn.State);
                turn.RequestHandoff(trigger, turn.Text, priority);
                return;
            case Intent.Restart:
                dc.CancelAll();
                if (turn.State.LastDialog is { } last)
                {
                    await dc.BeginDialogAsync(last);
                }
                else
                {
                    turn.Send(turn.T("Welcome"), HomeActions(turn));
                }

                return;
        }

        if (dc.Active is not null)
        {
            await dc.ContinueDialogAsync();
            return;
        }

        if (StartedDialog(intent, turn.Text) is { } start)
        {
            turn.State.ClarifyChoices.Clear();
            turn.State.LastDialog = start.Dialog;
            await dc.BeginDialogAsync(start.Dialog, start.Options);
            return;
        }

        if (intent is Intent.Greeting or Intent.Thanks or Intent.AboutBot)
        {
            turn.Send(turn.T(intent switch { Intent.Greeting => "Welcome", Intent.Thanks => "YoureWelcome", _ => "AboutBot" }), HomeActions(turn));
            return;
        }

        if (turn.State.ClarifyChoices.Count > 0 && ClarifyPick(turn) is { } picked && turn.Services.Knowledge.RespondWithEntry(turn, picked))
        {
            return;
        }

        if (turn.Text.Length == 0)
        {
            turn.Send(turn.T(turn.Attachments.Count > 0 ? "AttachmentWithoutContext" : "EmptyMessage"), HomeActions(turn));
            return;
        }

        turn.Services.Knowledge.Respond(turn);
        if (turn.State.Fallbacks >= 2)
        {
            turn.State.Fallbacks = 0;
            turn.RequestHandoff(Escalation.Fallbacks, turn.Text);
        }
    }

    /// <summary>A person asked for from inside a dialog about an intervention or an overdue refund goes ahead of plain requests.</summary>
    private static (string Trigger, Priority Priority) HumanTrigger(ConversationState state) =>
        (state.Stack.FirstOrDefault()?.Id ?? state.LastDialog) switch
        {
            RespondToMerchantDialog.Name => (Escalation.Intervention, Priority.Intervention),
            RefundArrivalDialog.Name => (Escalation.Overdue, Priority.Overdue),
            _ => (Escalation.Asked, Priority.Other),
        };

    /// <summary>"1" to "5" (or １-５): a satisfaction score when a survey is open.</summary>
    private static int? SatisfactionScore(string text) =>
        text.Length == 1 && Knowledge.TextNormalizer.Fold(text) is [>= '1' and <= '5'] digit ? digit[0] - '0' : null;

    private static (string Dialog, object? Options)? StartedDialog(Intent intent, string text) => intent switch
    {
        Intent.FileRefund => (FileRefundDialog.Name, null),
        Intent.RefundProgress => (RefundProgressDialog.Name, null),
        Intent.RefundNotReceived => (RefundArrivalDialog.Name, null),
        Intent.ReturnShipment => (ReturnShipmentDialog.Name, null),
        Intent.RespondToMerchant => (RespondToMerchantDialog.Name, new RequestActionValues { Action = RespondToMerchantDialog.ActionFor(text) }),
        Intent.WithdrawRequest => (WithdrawRequestDialog.Name, null),
        _ => null,
    };

    /// <summary>
    /// The conversation keeps its language unless the customer clearly writes in the other one: any Chinese
    /// switches to Chinese; English needs two words or more, so "ok", "1" or an order number change nothing.
    /// </summary>
    private static string ChooseLocale(TurnContext turn)
    {
        var text = turn.Text;
        if (turn.State.Stack.Count > 0)
        {
            return turn.Locale; // Mid-dialog the language stays: the question asked and its choices are in it.
        }

        if (turn.State.Locale is null && Knowledge.Model.Locales.Parse(turn.Activity.Locale) is { } requested)
        {
            return requested; // The channel says which language the customer uses.
        }

        if (text.Length == 0)
        {
            return turn.Locale;
        }

        var detected = LanguageDetector.Detect(text);
        if (turn.State.Locale is null)
        {
            return text.Any(char.IsAsciiLetter) || text.Any(Knowledge.TextNormalizer.IsHan) ? detected : turn.Locale;
        }

        if (detected == Knowledge.Model.Locales.Chinese)
        {
            return text.Any(Knowledge.TextNormalizer.IsHan) ? detected : turn.Locale;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsAsciiLetter));
        return words >= 2 ? detected : turn.Locale;
    }

    private static string? ClarifyPick(TurnContext turn)
    {
        var choices = turn.State.ClarifyChoices.Select(id => new Choice { Value = id, Title = id }).ToList();
        var text = turn.Text.Trim();
        var index = text.Length <= 4 ? ChoiceRecognizer.Recognize(text, choices) : -1;
        return index >= 0 ? choices[index].Value : null;
    }

    /// <summary>The choices offered when nothing is going on: file a refund, its progress, a person.</summary>
    public static List<CardAction> HomeActions(TurnContext turn) =>
    [
        new(turn.T("ActionFileRefund"), turn.T("ActionFileRefund")),
        new(turn.T("ActionProgress"), turn.T("ActionProgress")),
        new(turn.T("ActionHuman"), turn.T("ActionHuman")),
    ];

    private static Activity Apology(Activity activity, string conversationId, string locale) =>
        Reply(activity, conversationId, BotText.Get("TurnFailed", locale), locale);

    private static Activity Reply(Activity activity, string conversationId, string text, string locale) =>
        Activity.Message(text, locale) with
        {
            Conversation = new ConversationAccount(conversationId),
            From = TurnContext.Bot,
            ReplyToId = activity.Id,
        };

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Turn failed in conversation {ConversationId}; state left unchanged")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Turn in conversation {ConversationId} lost its lease (attempt {Attempt}); retrying")]
    private static partial void LogLeaseLost(ILogger logger, string conversationId, int attempt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Conversation store unavailable for conversation {ConversationId}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Refused a message from {CustomerId} into conversation {ConversationId}, which belongs to another customer")]
    private static partial void LogAccessDenied(ILogger logger, string conversationId, string customerId);
}
