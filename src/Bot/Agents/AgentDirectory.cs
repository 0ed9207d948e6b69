namespace ServiceBot.Bot.Agents;

/// <summary>The configured agents, looked up by login (in any case; the configured spelling is the agent's login).</summary>
public sealed class AgentDirectory
{
    private readonly Dictionary<string, AgentAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws when the options hold an agent that cannot be one (the options validator names it at start).</summary>
    public AgentDirectory(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var (login, settings) in options.Agents)
        {
            if (settings.ToAccount(login, problems) is { } account)
            {
                _accounts[login] = account;
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
    }

    public IReadOnlyCollection<AgentAccount> All => _accounts.Values;

    /// <summary>The account with this login, or null.</summary>
    public AgentAccount? FindAccount(string? login) =>
        login is not null && _accounts.TryGetValue(login, out var account) ? account : null;

    /// <summary>The agent with this login, or null.</summary>
    public AgentIdentity? Find(string? login) => FindAccount(login)?.Identity;
}
