using System.Text.Json;

namespace ServiceBot.Bot.Conversations;

/// <summary>Reads and writes conversation state; unreadable or outdated state starts the conversation afresh.</summary>
internal static class StateSerializer
{
    public static byte[] Serialize(ConversationState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, ConversationJsonContext.Default.ConversationState);

    public static ConversationState Deserialize(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return new ConversationState();
        }

        try
        {
            var state = JsonSerializer.Deserialize(json, ConversationJsonContext.Default.ConversationState);
            return state is { Schema: ConversationState.CurrentSchema } ? state : new ConversationState { Version = state?.Version ?? 0 };
        }
        catch (JsonException)
        {
            return new ConversationState();
        }
    }
}
