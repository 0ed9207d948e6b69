namespace ServiceBot.Bot.Agents;

/// <summary>A configured agent with its password hash; only the login endpoint sees the hash.</summary>
public sealed record AgentAccount(AgentIdentity Identity, string PasswordHash);
