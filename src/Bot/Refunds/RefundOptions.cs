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

    /// <summary>Merchant id → API key for the merchant API. Keys are secrets: environment or development settings only.</summary>
    public Dictionary<string, string> MerchantApiKeys { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The platform reviewers' API key.</summary>
    public string? PlatformApiKey { get; set; }

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
