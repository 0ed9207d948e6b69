using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ServiceBot.Bot.Channels.DirectLine;

/// <summary>
/// Who a Direct Line token belongs to and the one conversation it opens; <paramref name="Locale"/> is the language
/// asked for when the token was generated, which the conversation's welcome is written in.
/// </summary>
public sealed record DirectLineGrant(string ConversationId, string UserId, string? UserName, string? Locale = null);

/// <summary>
/// Issues and checks Direct Line tokens: signed JWTs (HMAC-SHA256) carrying the user and the conversation, so any
/// instance with the same key can check them without a shared store. A token that checked out is remembered until it
/// expires (a signature never stops matching its token), so a chatting customer's every post does not verify it again.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "servicebot";
    private const string Audience = "directline";
    private const string ConversationClaim = "conv";
    private const string LocaleClaim = "locale";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly byte[] _secretDigest;
    private readonly TimeProvider _time;
    private readonly ServiceBot.Bot.Hosting.CheckedTokens<DirectLineGrant> _valid;

    public DirectLineTokens(string secret, string tokenKey, TimeSpan lifetime, TimeProvider time)
    {
        var key = new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(tokenKey)));
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(5),
            LifetimeValidator = (notBefore, expires, _, _) => expires > time.GetUtcNow().UtcDateTime && (notBefore is null || notBefore <= time.GetUtcNow().UtcDateTime.AddSeconds(5)),
        };
        _secretDigest = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        _time = time;
        _valid = new ServiceBot.Bot.Hosting.CheckedTokens<DirectLineGrant>(time);
        Lifetime = lifetime;
    }

    public TimeSpan Lifetime { get; }

    /// <summary>Constant-time check of the host backend's secret.</summary>
    public bool IsSecret(string? presented) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(_secretDigest, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    public string Issue(DirectLineGrant grant)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [ConversationClaim] = grant.ConversationId,
            [JwtRegisteredClaimNames.Sub] = grant.UserId,
            [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), // two tokens are never alike
        };
        if (grant.UserName is { Length: > 0 } name)
        {
            claims[JwtRegisteredClaimNames.Name] = name;
        }

        if (grant.Locale is { Length: > 0 } locale)
        {
            claims[LocaleClaim] = locale;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = _credentials,
        });
    }

    /// <summary>The grant of a valid token; null for an expired, forged or malformed one.</summary>
    public async Task<DirectLineGrant?> ValidateAsync(string? token)
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
        if (!result.IsValid || result.ClaimsIdentity is not { } identity)
        {
            return null;
        }

        var conversation = identity.FindFirst(ConversationClaim)?.Value;
        var user = identity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        if (conversation is null || user is null)
        {
            return null;
        }

        var grant = new DirectLineGrant(conversation, user, identity.FindFirst(JwtRegisteredClaimNames.Name)?.Value, identity.FindFirst(LocaleClaim)?.Value);
        _valid.Remember(token, grant, result.SecurityToken.ValidTo);
        return grant;
    }

    /// <summary>A new conversation id: random, safe in key names, hard to guess.</summary>
    public static string NewConversationId() => "dl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
