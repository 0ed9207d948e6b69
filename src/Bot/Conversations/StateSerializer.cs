using System.Text.Json;

namespace ServiceBot.Bot.Conversations;

/// <summary>Reads and writes conversation state; unreadable or outdated state starts the conversation afresh.</summary>
internal static class StateSerializer
{
    // Chinese text stays as UTF-8 instead of \uXXXX escapes: a third of the bytes to write, store and read.
    private static readonly ConversationJsonContext Context = new(new System.Text.Json.JsonSerializerOptions(ConversationJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] Serialize(ConversationState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, Context.ConversationState);

    public static ConversationState Deserialize(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return new ConversationState();
        }

        try
        {
            var state = JsonSerializer.Deserialize(json, Context.ConversationState);
            return state is { Schema: ConversationState.CurrentSchema } ? state : new ConversationState { Version = state?.Version ?? 0 };
        }
        catch (JsonException)
        {
            return new ConversationState();
        }
    }
}
