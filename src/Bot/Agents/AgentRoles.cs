namespace ServiceBot.Bot.Agents;

/// <summary>The lowercase names roles have in configuration, tokens and the agent API.</summary>
public static class AgentRoles
{
    public static string Name(this AgentRole role) => role switch
    {
        AgentRole.Agent => "agent",
        AgentRole.Supervisor => "supervisor",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>"agent" or "supervisor" (any case); null for anything else.</summary>
    public static AgentRole? Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "AGENT" => AgentRole.Agent,
        "SUPERVISOR" => AgentRole.Supervisor,
        _ => null,
    };
}
