using ServiceBot.Handoff.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>Agents as Redis knows them: declared (skills, capacity), present while they send heartbeats.</summary>
public sealed class AgentRoster(RedisConnection redis, HandoffOptions options, TimeProvider time)
{
    private readonly HandoffScripts _scripts = new(redis, options, time);

    /// <summary>Declares or updates an agent (at start from configuration, and again on login: declarations expire after AgentTtl).</summary>
    public Task<HandoffResult> DeclareAsync(AgentProfile agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentOutOfRangeException.ThrowIfLessThan(agent.Capacity, 0);
        var skills = agent.Skills.Count > 0 ? agent.Skills : HandoffNames.AllSkills;
        return _scripts.RunAsync(HandoffLua.Declare, [_scripts.Keys.Agent(agent.Login)],
            [string.Join(',', skills.Distinct().Select(s => s.Name())), agent.Capacity, AgentTtl], cancellationToken);
    }

    /// <summary>The agent is there for another PresenceTimeout: Ok (load = its chats), or UnknownAgent.</summary>
    public Task<HandoffResult> HeartbeatAsync(string login, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.Heartbeat, [_scripts.Keys.Agent(login)], [login, AgentTtl], cancellationToken);

    /// <summary>The agent leaves: its chats and offers go back to the front of their lines (the changes say which).</summary>
    public Task<HandoffResult> SignOutAsync(string login, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.SignOut, [_scripts.Keys.Chats(login)], [login], cancellationToken);

    /// <summary>The conversations the agent owns or has been offered now.</summary>
    public async Task<IReadOnlyList<string>> ChatsAsync(string login, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        return [.. (await database.SetMembersAsync(_scripts.Keys.Chats(login)).WaitAsync(cancellationToken)).Select(m => (string)m!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether each agent sends heartbeats, and how many chats it holds (for the supervisor view).</summary>
    public async Task<IReadOnlyList<(string Login, bool Online, long Load)>> StatusAsync(IEnumerable<string> logins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logins);
        var database = await redis.DatabaseAsync();
        var now = _scripts.Now;
        var found = new List<(string, bool, long)>();
        foreach (var login in logins)
        {
            var deadline = await database.SortedSetScoreAsync(_scripts.Keys.Presence, login).WaitAsync(cancellationToken);
            var load = await database.SetLengthAsync(_scripts.Keys.Chats(login)).WaitAsync(cancellationToken);
            found.Add((login, deadline > now, load));
        }

        return found;
    }

    private long AgentTtl => HandoffScripts.Milliseconds(_scripts.Options.AgentTtl);
}
