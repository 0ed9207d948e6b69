using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace ServiceBot.Bot.Agents;

/// <summary>
/// Hashes and checks agent passwords with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (v3 format:
/// PBKDF2-HMAC-SHA512, salted). A login that names no agent is checked against a dummy hash, so a wrong login costs
/// the same time as a wrong password and the answer does not tell which logins exist.
/// </summary>
public sealed class AgentPasswords
{
    // The hasher ignores the user it is given; the login stands in for it.
    private readonly PasswordHasher<string> _hasher = new();
    private readonly Lazy<string> _dummyHash;

    public AgentPasswords() =>
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(18))));

    public string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return _hasher.HashPassword(string.Empty, password);
    }

    /// <summary>True when the password is the account's; with no account, false after the same work.</summary>
    public bool Verify(AgentAccount? account, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var hash = account?.PasswordHash ?? _dummyHash.Value;
        var result = _hasher.VerifyHashedPassword(account?.Identity.Login ?? string.Empty, hash, password);
        return account is not null && result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
    }

    /// <summary>
    /// Whether the text looks like a v3 hash: base64 of marker 0x01, PRF, iteration count and salt length (4 bytes
    /// each), a salt of at least 16 bytes and a subkey of at least 32.
    /// </summary>
    public static bool IsHash(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 1024)
        {
            return false;
        }

        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var length) && length >= 13 + 16 + 32 && bytes[0] == 0x01;
    }
}
