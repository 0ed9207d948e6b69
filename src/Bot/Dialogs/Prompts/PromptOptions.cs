using ServiceBot.Bot.Conversations;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>A choice offered as a button; recognized by number, title, value or synonym.</summary>
public sealed class Choice
{
    public required string Value { get; init; }

    public required string Title { get; init; }

    /// <summary>Other words for this choice, separated by "|" (one string: cheaper to keep in state).</summary>
    public string? Synonyms { get; init; }
}

/// <summary>What a prompt asks and accepts; kept in the prompt's state so a later turn can reprompt exactly.</summary>
public sealed class PromptOptions
{
    public required string Prompt { get; set; }

    /// <summary>Said instead of the prompt after input that was not understood (defaults to the prompt).</summary>
    public string? Retry { get; set; }

    public List<Choice> Choices { get; set; } = [];

    /// <summary>Upper bound for amounts (the amount paid).</summary>
    public decimal? Max { get; set; }

    /// <summary>For attachment prompts: whether the customer may finish without any attachment.</summary>
    public bool Optional { get; set; }

    /// <summary>For attachment prompts: how many files one message may carry, and how large each (unset: no limit).</summary>
    public int? MaxFiles { get; set; }

    public long? MaxFileBytes { get; set; }

    public int MaxAttempts { get; set; } = 3;
}

/// <summary>A prompt's own state between turns.</summary>
public sealed class PromptState : DialogState
{
    public PromptOptions Options { get; set; } = new() { Prompt = "" };

    public int Attempts { get; set; }
}
