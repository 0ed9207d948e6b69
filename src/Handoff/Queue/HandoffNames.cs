using System.Globalization;

namespace ServiceBot.Handoff.Queue;

/// <summary>The lowercase names kinds and skills have in Redis and in the agent API (design.md §3).</summary>
public static class HandoffNames
{
    public static readonly IReadOnlyList<Skill> AllSkills = Enum.GetValues<Skill>();

    public static string Name(this Skill skill) => skill switch
    {
        Skill.Refund => "refund",
        Skill.Logistics => "logistics",
        Skill.General => "general",
        _ => throw new ArgumentOutOfRangeException(nameof(skill)),
    };

    public static string Name(this OwnerKind kind) => kind switch
    {
        OwnerKind.Bot => "bot",
        OwnerKind.Queued => "queued",
        OwnerKind.Offered => "offered",
        OwnerKind.Agent => "agent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Name(this Priority priority) => priority.ToString().ToLowerInvariant();

    /// <summary>A stored skill name; an unknown one fails loudly rather than landing in some other line.</summary>
    public static Skill ParseSkill(string? name) => name switch
    {
        "refund" => Skill.Refund,
        "logistics" => Skill.Logistics,
        "general" => Skill.General,
        _ => throw new FormatException($"'{name}' is not a skill"),
    };

    public static OwnerKind ParseKind(string? name) => name switch
    {
        null or "" or "bot" => OwnerKind.Bot,
        "queued" => OwnerKind.Queued,
        "offered" => OwnerKind.Offered,
        "agent" => OwnerKind.Agent,
        _ => throw new FormatException($"'{name}' is not an owner kind"),
    };

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
