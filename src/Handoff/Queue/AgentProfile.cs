namespace ServiceBot.Handoff.Queue;

/// <summary>An agent as configured: its skills and how many chats it may hold at once (offers count).</summary>
public sealed record AgentProfile(string Login, IReadOnlyList<Skill> Skills, int Capacity = 3);
