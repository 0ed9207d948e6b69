using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Redis;

namespace ServiceBot.Bot.Agents;

/// <summary>One agent in configuration: "Handoff:Agents:&lt;login&gt;".</summary>
public sealed class AgentSettings
{
    /// <summary>What customers and colleagues see; the login when missing.</summary>
    public string? Name { get; set; }

    /// <summary>The password in ASP.NET Core Identity v3 format, as printed by <c>agent hash-password</c>. Required.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>"agent" (the default) or "supervisor".</summary>
    public string? Role { get; set; }

    /// <summary>How many chats the agent may hold at once (offers count), at least 1.</summary>
    public int Capacity { get; set; } = 3;

    /// <summary>refund, logistics, general (a list; an element may also hold several, comma-separated); empty means all of them.</summary>
    public List<string> Skills { get; init; } = [];

    /// <summary>The account these settings describe, or null with every reason it cannot be one added to <paramref name="problems"/>.</summary>
    public AgentAccount? ToAccount(string login, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var where = $"{AgentOptions.Section}:Agents:{login}";
        var before = problems.Count;
        if (!RedisKeys.IsSafeId(login))
        {
            problems.Add($"{where}: the login must be 1-{RedisKeys.MaxIdLength} letters, digits or - _ . @ |.");
        }

        if (string.IsNullOrWhiteSpace(PasswordHash))
        {
            problems.Add($"{where}:PasswordHash is missing; print one with 'agent hash-password'.");
        }
        else if (!AgentPasswords.IsHash(PasswordHash))
        {
            problems.Add($"{where}:PasswordHash is not an ASP.NET Core Identity v3 hash; print one with 'agent hash-password'.");
        }

        var role = Role is null ? AgentRole.Agent : AgentRoles.Parse(Role);
        if (role is null)
        {
            problems.Add($"{where}:Role '{Role}' is not agent or supervisor.");
        }

        if (Capacity < 1)
        {
            problems.Add($"{where}:Capacity must be at least 1, not {Capacity}.");
        }

        var skills = new List<Skill>();
        foreach (var name in Skills.SelectMany(s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            try
            {
                skills.Add(HandoffNames.ParseSkill(name));
            }
            catch (FormatException)
            {
                problems.Add($"{where}:Skills: '{name}' is not a skill (use {string.Join(", ", HandoffNames.AllSkills.Select(s => s.Name()))}).");
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        IReadOnlyList<Skill> all = skills.Count > 0 ? [.. skills.Distinct()] : HandoffNames.AllSkills;
        var shown = string.IsNullOrWhiteSpace(Name) ? login : Name.Trim();
        return new AgentAccount(new AgentIdentity(login, shown, role!.Value, all, Capacity), PasswordHash!);
    }
}
