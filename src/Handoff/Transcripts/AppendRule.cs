namespace ServiceBot.Handoff.Transcripts;

/// <summary>
/// When an append may happen, checked in the same step as the append. The floor is who may speak to the customer:
/// the bot, unless it was passed to an agent; an agent's join passes it with the "joined" activity, so nothing the
/// bot says lands after that activity, and an agent who lost the conversation can no longer write to it.
/// </summary>
public sealed record AppendRule
{
    /// <summary>Append only to a transcript that exists (a conversation that was started).</summary>
    public bool MustExist { get; init; }

    /// <summary>Append only while this speaker holds the floor (<see cref="Floor.Bot"/> when nobody was given it); null: anyone.</summary>
    public string? Speaker { get; init; }

    /// <summary>With the append, the floor passes to this speaker; null leaves it where it is.</summary>
    public string? PassFloorTo { get; init; }

    public static AppendRule Existing { get; } = new() { MustExist = true };

    public static AppendRule As(string speaker) => new() { Speaker = speaker };
}

/// <summary>The speakers that can hold a conversation's floor.</summary>
public static class Floor
{
    public const string Bot = "bot";

    public static string Agent(string login) => "agent:" + login;
}
