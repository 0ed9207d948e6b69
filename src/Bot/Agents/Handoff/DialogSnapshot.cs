using System.Text.Json.Nodes;
using ServiceBot.Bot.Conversations;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// The running dialog as an agent should see it: its name and the values it collected so far (the innermost
/// waterfall's, e.g. a refund draft: order, type, reason, amount, evidence). Null when no dialog runs.
/// </summary>
public static class DialogSnapshot
{
    public static JsonObject? Of(ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Stack.Count == 0)
        {
            return null;
        }

        var stack = JsonNode.Parse(StateSerializer.Serialize(new ConversationState { Stack = state.Stack }))?["stack"] as JsonArray;
        var values = Innermost(stack)?.DeepClone();
        return new JsonObject
        {
            ["name"] = state.Stack[0].Id,
            ["step"] = state.Stack[^1].Id,
            ["values"] = values,
        };
    }

    /// <summary>The values of the innermost waterfall: a component dialog keeps its own stack inside its state.</summary>
    private static JsonObject? Innermost(JsonArray? stack)
    {
        JsonObject? found = null;
        foreach (var state in stack?.Select(d => d?["state"]) ?? [])
        {
            found = Innermost(state?["stack"] as JsonArray) ?? state?["values"] as JsonObject ?? found;
        }

        return found;
    }
}
