using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>What the turn pipeline asks of the human handoff: who speaks now, take me to a person, stop waiting, a survey answer.</summary>
public interface IHandoffDesk
{
    /// <summary>Who owns the conversation; an agent's conversation is relayed, never answered by the bot.</summary>
    Task<ConversationOwner> OwnerAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Puts the conversation in line for an agent (or says why it cannot); the replies go into <paramref name="turn"/>.</summary>
    Task EscalateAsync(TurnContext turn, Escalation escalation, CancellationToken cancellationToken);

    /// <summary>The customer stops waiting and stays with the bot.</summary>
    Task StopWaitingAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="score"/> when a satisfaction survey is open for the conversation; false when none is.</summary>
    Task<bool> TryRecordSatisfactionAsync(TurnContext turn, int score, CancellationToken cancellationToken);
}
