namespace ServiceBot.Bot.Agents;

/// <summary>What an agent may do: an agent serves its own conversations; a supervisor may also read everyone's.</summary>
public enum AgentRole
{
    Agent,
    Supervisor,
}
