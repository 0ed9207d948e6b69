using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ServiceBot.Bot.Refunds;

/// <summary>
/// Checks X-Api-Key against the configured keys in constant time: both sides are hashed first (so the length does
/// not leak either) and every key is compared (so the time does not tell which one matched).
/// </summary>
public sealed class ApiKeyAuthenticator(IOptionsMonitor<RefundOptions> options)
{
    public const string Header = "X-Api-Key";

    /// <summary>The merchant whose key this is, or null.</summary>
    public string? FindMerchant(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var digest = Digest(presented);
        var matches = options.CurrentValue.MerchantKeys.Where(entry => Matches(digest, entry.Key)).Select(entry => entry.Merchant).ToList();
        // A key configured for two merchants identifies neither.
        return matches.Count == 1 ? matches[0] : null;
    }

    public bool IsPlatform(string? presented) =>
        !string.IsNullOrEmpty(presented) && Matches(Digest(presented), options.CurrentValue.PlatformApiKey);

    private static bool Matches(byte[] presentedDigest, string? configured) =>
        !string.IsNullOrEmpty(configured) && CryptographicOperations.FixedTimeEquals(presentedDigest, Digest(configured));

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
