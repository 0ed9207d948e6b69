using System.Text.Json.Serialization;

namespace ServiceBot.Handoff.Activities;

/// <summary>
/// A Bot Framework activity (the Direct Line 3.0 wire format), reduced to the fields this bot uses.
/// Text is Markdown; choices go out as suggested actions (imBack); evidence images come in as attachments.
/// </summary>
public sealed record Activity
{
    public string Type { get; init; } = ActivityTypes.Message;

    public string? Id { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public ChannelAccount? From { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public string? Locale { get; init; }

    public string? InputHint { get; init; }

    public SuggestedActions? SuggestedActions { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public string? ReplyToId { get; init; }

    /// <summary>Channel-specific data, e.g. Web Chat's clientActivityID; passed through untouched.</summary>
    public System.Text.Json.JsonElement? ChannelData { get; init; }

    /// <summary>An event activity's name (e.g. "handoff.status") and value.</summary>
    public string? Name { get; init; }

    public System.Text.Json.JsonElement? Value { get; init; }

    /// <summary>Every field this type does not name, kept as it came, so a client's activity is echoed whole.</summary>
    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Properties { get; set; }

    public static Activity Message(string text, string locale, IReadOnlyList<CardAction>? actions = null, string? inputHint = null) => new()
    {
        Text = text,
        TextFormat = "markdown",
        Locale = locale,
        InputHint = inputHint ?? InputHints.AcceptingInput,
        SuggestedActions = actions is { Count: > 0 } ? new SuggestedActions(actions) : null,
    };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string ConversationUpdate = "conversationUpdate";
}

public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

public sealed record ChannelAccount(string Id, string? Name = null, string? Role = null);

public sealed record ConversationAccount(string Id);

public sealed record SuggestedActions(IReadOnlyList<CardAction> Actions);

/// <summary>A button; imBack posts its value back as the customer's message.</summary>
public sealed record CardAction(string Title, string Value, string Type = "imBack");

public sealed record Attachment(
    string ContentType,
    string? ContentUrl = null,
    string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ContentLength = null);
