using ServiceBot.Handoff.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>
/// The agent's side: take, offer, accept, hand on, give back, resolve. Each is one script, so a conversation is
/// never owned by two agents and no agent holds more chats (offers included) than its capacity. An agent acts only
/// on conversations it owns (NotOwner otherwise). Business outcomes come back as results, not exceptions.
/// </summary>
public sealed class Assignments(RedisConnection redis, HandoffOptions options, TimeProvider time)
{
    private readonly HandoffScripts _scripts = new(redis, options, time);

    private HandoffKeys Keys => _scripts.Keys;

    /// <summary>Takes the best waiting conversation among the agent's skills: Ok (its id), Empty, AtCapacity, UnknownAgent. Counts as a heartbeat.</summary>
    public Task<HandoffResult> ClaimNextAsync(string login, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.Claim, [Keys.Agent(login), Keys.Chats(login)], [login], cancellationToken);

    /// <summary>
    /// Offers a waiting conversation to the least-loaded online agent with its skill and room (Ok, that agent), who
    /// has OfferTimeout to accept; NoAgentAvailable leaves it waiting; NotWaiting, NotFound.
    /// </summary>
    public Task<HandoffResult> OfferAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.Offer, [Keys.Owner(conversationId)],
            [conversationId, HandoffScripts.Milliseconds(_scripts.Options.OfferTimeout)], cancellationToken);

    /// <summary>
    /// Accepts an offer made to this agent, or a waiting conversation (needs the skill and room): Ok; Taken when
    /// another agent has it or was offered it; AtCapacity, MissingSkill, NotFound, UnknownAgent. Accepting one's own
    /// conversation again is Ok with no changes.
    /// </summary>
    public Task<HandoffResult> AcceptAsync(string login, string conversationId, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.Accept, [Keys.Owner(conversationId), Keys.Agent(login), Keys.Chats(login)], [login, conversationId], cancellationToken);

    /// <summary>The offered agent says no: back to the front of the line. NotOwner unless it was offered to this agent.</summary>
    public Task<HandoffResult> DeclineAsync(string login, string conversationId, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.Decline, [Keys.Owner(conversationId), Keys.Chats(login)], [login, conversationId], cancellationToken);

    /// <summary>Hands an owned conversation to another online agent with room: Ok; NotOwner, UnknownAgent, AgentOffline, AtCapacity.</summary>
    public Task<HandoffResult> TransferToAgentAsync(string login, string conversationId, string toLogin, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.TransferToAgent, [Keys.Owner(conversationId), Keys.Chats(login), Keys.Agent(toLogin), Keys.Chats(toLogin)],
            [login, conversationId, toLogin], cancellationToken);

    /// <summary>Puts an owned conversation back into the queue at the front of <paramref name="skill"/>'s line.</summary>
    public Task<HandoffResult> TransferToSkillAsync(string login, string conversationId, Skill skill, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.TransferToSkill, [Keys.Owner(conversationId), Keys.Chats(login)], [login, conversationId, skill.Name()], cancellationToken);

    /// <summary>The bot answers again; the record goes (no record means the bot).</summary>
    public Task<HandoffResult> ReturnToBotAsync(string login, string conversationId, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.ReturnToBot, [Keys.Owner(conversationId), Keys.Chats(login)], [login, conversationId], cancellationToken);

    /// <summary>
    /// Ends the agent's part: stores the disposition and private note (ResolutionTtl), records the handling time for
    /// the estimate, and gives the conversation back to the bot.
    /// </summary>
    public Task<HandoffResult> ResolveAsync(string login, string conversationId, string disposition, string note, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.Resolve, [Keys.Owner(conversationId), Keys.Chats(login), Keys.Resolution(conversationId)],
            [login, conversationId, disposition, note, HandoffScripts.Milliseconds(_scripts.Options.ResolutionTtl)], cancellationToken);
}
