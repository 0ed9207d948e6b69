using StackExchange.Redis;

namespace ServiceBot.Handoff.Redis;

/// <summary>
/// Every Redis key of the agent queue, the agents and the ownership records. They share the hash tag {handoff}, so
/// one script can move a conversation between the queue, an agent and its record atomically and still run on Redis
/// Cluster (handoff traffic is a few operations per conversation, small enough for one slot).
/// The scripts build keys they only discover while running (the agent a chat belongs to, the best waiting
/// conversation) from <see cref="Root"/> with the same suffixes as below; a test checks the two agree.
/// </summary>
public sealed class HandoffKeys(string prefix)
{
    /// <summary>What every key of the area starts with; the scripts get it as ARGV[1].</summary>
    public string Root { get; } = prefix + "{handoff}:";

    /// <summary>The ownership record of one conversation (a hash); no record means the bot owns it.</summary>
    public RedisKey Owner(string conversationId) => Root + "owner:" + Safe(conversationId, "conversation id");

    /// <summary>Sorted set of the conversations waiting for a skill, by (priority band, front or not, time).</summary>
    public RedisKey Waiting(string skill) => Root + "waiting:" + Safe(skill, "skill");

    /// <summary>The agent's declaration (a hash: skills, capacity).</summary>
    public RedisKey Agent(string login) => Root + "agent:" + Safe(login, "agent login");

    /// <summary>Set of the conversations the agent owns or has been offered: its load, bounded by its capacity.</summary>
    public RedisKey Chats(string login) => Root + "chats:" + Safe(login, "agent login");

    /// <summary>Sorted set of agent logins by the time (unix ms) they must have sent a heartbeat again.</summary>
    public RedisKey Presence => Root + "presence";

    /// <summary>Sorted set of offered conversations by the time (unix ms) the offer lapses.</summary>
    public RedisKey Offers => Root + "offers";

    /// <summary>How an agent resolved a conversation (a hash: agent, disposition, private note, at, handled ms).</summary>
    public RedisKey Resolution(string conversationId) => Root + "resolution:" + Safe(conversationId, "conversation id");

    /// <summary>Capped list of recent handling times (ms) of a skill, newest first, for the wait estimate.</summary>
    public RedisKey HandlingTimes(string skill) => Root + "handling:" + Safe(skill, "skill");

    /// <summary>Capped list of recent waiting times (ms) of a skill, newest first, for the wait estimate.</summary>
    public RedisKey WaitingTimes(string skill) => Root + "waits:" + Safe(skill, "skill");

    /// <summary>An open satisfaction survey of a conversation just handed back (the agent's login); expires unanswered.</summary>
    public RedisKey Survey(string conversationId) => Root + "survey:" + Safe(conversationId, "conversation id");

    /// <summary>The customer's satisfaction score for the last agent of a conversation (a hash: score, agent, at).</summary>
    public RedisKey Satisfaction(string conversationId) => Root + "satisfaction:" + Safe(conversationId, "conversation id");

    /// <summary>The place in line each waiting customer was last told (a hash: conversation → position), so one instance tells each change once.</summary>
    public RedisKey ToldPositions => Root + "told-positions";

    /// <summary>Agents' private notes on a conversation (a capped list of JSON, oldest first); never shown to the customer.</summary>
    public RedisKey Notes(string conversationId) => Root + "notes:" + Safe(conversationId, "conversation id");

    /// <summary>Capped list of recent "agent score" answers, newest first, for the supervisor view.</summary>
    public RedisKey Scores => Root + "scores";

    private static string Safe(string id, string what) => RedisKeys.RequireSafeId(id, what);
}
