using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ServiceBot.Bot.Agents;

/// <summary>
/// Issues and checks agent tokens: JWTs (HMAC-SHA256) for audience "agent" from issuer "servicebot", carrying the
/// login (sub), name and role. A Direct Line token (audience "directline") is never an agent token, even when both are
/// signed with the same key. A token names its agent; what the agent may do is read from the directory, so an agent
/// taken out of configuration loses access with the next start. A token that checked out is remembered until it expires.
/// </summary>
public sealed class AgentTokens
{
    public const string Issuer = "servicebot";
    public const string Audience = "agent";
    public const string RoleClaim = "role";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly AgentDirectory _directory;
    private readonly TimeProvider _time;
    private readonly ServiceBot.Bot.Hosting.CheckedTokens<AgentIdentity> _valid;

    public AgentTokens(string tokenKey, TimeSpan lifetime, AgentDirectory directory, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenKey);
        var key = new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(tokenKey)));
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires > time.GetUtcNow().UtcDateTime && (notBefore is null || notBefore <= time.GetUtcNow().UtcDateTime.AddSeconds(5)),
        };
        _directory = directory;
        _time = time;
        _valid = new ServiceBot.Bot.Hosting.CheckedTokens<AgentIdentity>(time);
        Lifetime = lifetime;
    }

    public TimeSpan Lifetime { get; }

    public string Issue(AgentIdentity agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = agent.Login,
                [JwtRegisteredClaimNames.Name] = agent.Name,
                [RoleClaim] = agent.Role.Name(),
                [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = _credentials,
        });
    }

    /// <summary>The agent of a valid agent token; null for an expired, forged, malformed or foreign one, or a removed agent.</summary>
    public async ValueTask<AgentIdentity?> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        if (_valid.Find(token) is { } remembered)
        {
            return remembered;
        }

        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid || result.ClaimsIdentity is not { } claims
            || _directory.Find(claims.FindFirst(JwtRegisteredClaimNames.Sub)?.Value) is not { } agent)
        {
            return null;
        }

        _valid.Remember(token, agent, result.SecurityToken.ValidTo);
        return agent;
    }
}
