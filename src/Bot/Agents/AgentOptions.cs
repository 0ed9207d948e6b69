namespace ServiceBot.Bot.Agents;

/// <summary>Configuration section "Handoff": the agents, their tokens and the login limits (the queue is "Handoff:Queue").</summary>
public sealed class AgentOptions
{
    public const string Section = "Handoff";

    public const int MinKeyLength = 32;

    /// <summary>The agents by login ("Handoff:Agents:&lt;login&gt;"); logins match in any case, as configuration keys do.</summary>
    public Dictionary<string, AgentSettings> Agents { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Signs agent tokens (HMAC-SHA256), at least 32 characters; every instance needs the same. A secret: environment
    /// only. Missing: generated for the run in Development; outside it the service refuses to start when agents are configured.
    /// </summary>
    public string? TokenKey { get; set; }

    /// <summary>How long an agent token lasts: a shift.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed logins per login within <see cref="LoginFailureWindow"/> before that login gets 429.</summary>
    public int LoginFailuresPerLogin { get; set; } = 10;

    /// <summary>Failed logins per client address within <see cref="LoginFailureWindow"/> before that address gets 429.</summary>
    public int LoginFailuresPerAddress { get; set; } = 10;

    /// <summary>The window failed logins are counted in; it starts at the first failure.</summary>
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every reason these options cannot work; <paramref name="isDevelopment"/> allows a missing key.</summary>
    public IEnumerable<string> Problems(bool isDevelopment)
    {
        var problems = new List<string>();
        foreach (var (login, settings) in Agents)
        {
            settings.ToAccount(login, problems);
        }

        if (TokenKey is { Length: < MinKeyLength })
        {
            problems.Add($"{Section}:TokenKey must be at least {MinKeyLength} characters.");
        }
        else if (TokenKey is null && Agents.Count > 0 && !isDevelopment)
        {
            problems.Add($"{Section}:TokenKey is not set; it is required outside Development when agents are configured.");
        }

        if (TokenLifetime < TimeSpan.FromMinutes(1))
        {
            problems.Add($"{Section}:TokenLifetime must be at least a minute.");
        }

        if (LoginFailuresPerLogin < 1 || LoginFailuresPerAddress < 1)
        {
            problems.Add($"{Section}:LoginFailuresPerLogin and LoginFailuresPerAddress must be at least 1.");
        }

        if (LoginFailureWindow < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{Section}:LoginFailureWindow must be at least a second.");
        }

        return problems;
    }
}
