using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>Without Redis (the terminal chat, the in-memory store) there is no agent queue: the customer gets the hotline.</summary>
public sealed class UnavailableHandoffDesk : IHandoffDesk
{
    public Task<ConversationOwner> OwnerAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(ConversationOwner.Bot(conversationId));

    public Task EscalateAsync(TurnContext turn, Escalation escalation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var policy = turn.Services.Knowledge.Policy;
        turn.Send(turn.T("HumanStub", policy.Get("hotline", turn.Locale) ?? "", policy.Get("hotline_hours", turn.Locale) ?? ""), TurnProcessor.HomeActions(turn));
        return Task.CompletedTask;
    }

    public Task StopWaitingAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> TryRecordSatisfactionAsync(TurnContext turn, int score, CancellationToken cancellationToken) => Task.FromResult(false);
}
