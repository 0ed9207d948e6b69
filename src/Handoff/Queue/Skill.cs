namespace ServiceBot.Handoff.Queue;

/// <summary>What an agent must know to take a conversation; each skill has its own waiting line.</summary>
public enum Skill
{
    Refund,
    Logistics,
    General,
}
