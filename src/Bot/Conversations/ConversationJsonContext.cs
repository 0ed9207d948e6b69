using System.Text.Json.Serialization;
using ServiceBot.Bot.Dialogs;
using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Dialogs.Refund;

namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Source-generated JSON for conversation state, including every dialog state type. Dialog states are
/// polymorphic: each is written with a stable "$type" tag, and a new dialog's state type is added here.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConversationState))]
[JsonSerializable(typeof(PromptState), TypeInfoPropertyName = "PromptState")]
[JsonSerializable(typeof(ComponentState))]
[JsonSerializable(typeof(WaterfallState<RefundFilingValues>))]
[JsonSerializable(typeof(WaterfallState<RequestActionValues>))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext;
