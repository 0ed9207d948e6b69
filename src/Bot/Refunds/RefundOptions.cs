namespace ServiceBot.Bot.Refunds;

/// <summary>Configuration section "Refunds".</summary>
public sealed class RefundOptions
{
    public const string Section = "Refunds";

    /// <summary>"redis" (default) or "memory" (requests live in this process only; for demos and tests).</summary>
    public string Store { get; set; } = "redis";

    /// <summary>How often the overdue job looks for merchants who missed their deadline.</summary>
    public double OverdueScanSeconds { get; set; } = 30;

    /// <summary>The demo orders; empty: orders.seed.json beside the program.</summary>
    public string? SeedPath { get; set; }

    /// <summary>The shortest API key accepted: shorter ones are guessable.</summary>
    public const int MinKeyLength = 16;

    /// <summary>
    /// The merchant API's keys, a list so that every name works as an environment variable
    /// (Refunds__MerchantKeys__0__Merchant=m-digital, Refunds__MerchantKeys__0__Key=…; a merchant id such as m-digital
    /// cannot be part of a variable's name in most shells). Keys are secrets: environment or development settings only.
    /// </summary>
    public List<MerchantApiKey> MerchantKeys { get; init; } = [];

    /// <summary>The platform reviewers' API key.</summary>
    public string? PlatformApiKey { get; set; }

    /// <summary>What is wrong with the key configuration, one line each; empty when it is usable.</summary>
    public IEnumerable<string> KeyProblems()
    {
        for (var i = 0; i < MerchantKeys.Count; i++)
        {
            var entry = MerchantKeys[i];
            if (!Handoff.Redis.RedisKeys.IsSafeId(entry.Merchant))
            {
                yield return $"{Section}:MerchantKeys:{i}:Merchant is missing or not a merchant id.";
            }

            if (entry.Key is not { Length: >= MinKeyLength })
            {
                yield return $"{Section}:MerchantKeys:{i}:Key must be at least {MinKeyLength} characters (try: openssl rand -hex 16).";
            }
        }

        foreach (var merchant in MerchantKeys.GroupBy(k => k.Merchant, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"{Section}:MerchantKeys names merchant '{merchant.Key}' more than once.";
        }

        if (MerchantKeys.Where(k => k.Key is not null).GroupBy(k => k.Key, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            yield return $"{Section}:MerchantKeys gives two merchants the same key.";
        }

        if (PlatformApiKey is not null && PlatformApiKey.Length < MinKeyLength)
        {
            yield return $"{Section}:PlatformApiKey must be at least {MinKeyLength} characters.";
        }
    }

    public bool UsesMemoryStore => Store.ToUpperInvariant() switch
    {
        "MEMORY" => true,
        "REDIS" => false,
        _ => throw new InvalidOperationException($"{Section}:Store is '{Store}'; use 'redis' or 'memory'."),
    };

    public TimeSpan OverdueScanInterval =>
        OverdueScanSeconds > 0 ? TimeSpan.FromSeconds(OverdueScanSeconds)
        : throw new InvalidOperationException($"{Section}:OverdueScanSeconds must be more than 0.");
}

/// <summary>One merchant's API key.</summary>
public sealed class MerchantApiKey
{
    public string Merchant { get; set; } = "";

    public string? Key { get; set; }
}
