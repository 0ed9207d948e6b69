using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Transcripts;
using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Dialogs.Refund;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Resources;

namespace ServiceBot.Bot.Turns;

/// <summary>
/// Announces every change of a refund request in the customer's conversation, in the conversation's language,
/// as a proactive bot message (refund guide: the customer follows the request through its whole lifecycle), appended
/// to the conversation's transcript: open streams on any instance are told, and a customer who comes back reads it.
/// </summary>
public sealed class ProactiveMessenger(IConversationStore store, ITranscript transcript, TimeProvider time) : IRefundEvents
{
    public async Task OnChangedAsync(RefundRequest request, RefundHistoryEntry change, CancellationToken cancellationToken = default)
    {
        if (request.ConversationId is not { } conversationId || change.Actor == RefundActor.Customer)
        {
            return; // The customer's own actions were answered in the turn that made them.
        }

        var locale = (await store.PeekAsync(conversationId, cancellationToken)).Locale ?? Knowledge.Model.Locales.Chinese;

        var text = BotText.Format("Proactive_" + change.To, locale,
            request.Id, RefundText.Money(request.Amount), RefundText.Quote(change.Note), BotText.Get("RefundNext_" + change.To, locale));
        var actions = change.To switch
        {
            RefundState.MerchantRejected or RefundState.MerchantOverdue => [new CardAction(BotText.Get("ActionIntervene", locale), BotText.Get("ActionIntervene", locale))],
            RefundState.MerchantCounterOffer => new List<CardAction>
            {
                new(BotText.Get("ActionAcceptOffer", locale), BotText.Get("ActionAcceptOffer", locale)),
                new(BotText.Get("ActionIntervene", locale), BotText.Get("ActionIntervene", locale)),
            },
            RefundState.AwaitingReturn => [new CardAction(BotText.Get("ActionShipReturn", locale), BotText.Get("ActionShipReturn", locale))],
            _ => [],
        };
        var message = Activity.Message(text, locale, actions) with
        {
            Conversation = new ConversationAccount(conversationId),
            From = TurnContext.Bot,
            Timestamp = time.GetUtcNow(),
        };
        await transcript.AppendAsync(conversationId, [message], cancellationToken);
    }
}
