using System.Text.Json.Serialization;

namespace ServiceBot.Bot.Agents;

/// <summary>POST /api/agent/login body.</summary>
public sealed record AgentLoginRequest(string? Login, string? Password);

/// <summary>POST /api/agent/login answer: the token for Authorization: Bearer, and who it is for.</summary>
public sealed record AgentLoginResponse(
    string Token, [property: JsonPropertyName("expires_in")] int ExpiresIn, string Login, string Name, string Role);

/// <summary>GET /api/agent/me: the calling agent as configured.</summary>
public sealed record AgentResponse(string Login, string Name, string Role, IReadOnlyList<string> Skills, int Capacity)
{
    public static AgentResponse From(AgentIdentity agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new(agent.Login, agent.Name, agent.Role.Name(), [.. agent.Skills.Select(ServiceBot.Handoff.Queue.HandoffNames.Name)], agent.Capacity);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentLoginRequest))]
[JsonSerializable(typeof(AgentLoginResponse))]
[JsonSerializable(typeof(AgentResponse))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
