using System.Text.Json.Serialization;
using ServiceBot.Handoff.Activities;

namespace ServiceBot.Bot.Channels.DirectLine;

/// <summary>tokens/generate and conversations bodies: the user the host app vouches for.</summary>
public sealed record TokenRequest(TokenUser? User, string? Locale);

public sealed record TokenUser(string? Id, string? Name);

public sealed record TokenResponse(string ConversationId, string Token, [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed record ConversationResponse(
    string ConversationId, string Token, [property: JsonPropertyName("expires_in")] int ExpiresIn, string StreamUrl);

public sealed record ResourceResponse(string Id);

/// <summary>GET activities and every stream frame; the watermark is a string on the wire.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(Activity))]
internal sealed partial class DirectLineJsonContext : JsonSerializerContext;
