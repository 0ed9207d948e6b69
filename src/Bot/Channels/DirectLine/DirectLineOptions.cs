namespace ServiceBot.Bot.Channels.DirectLine;

/// <summary>Configuration section "DirectLine".</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>
    /// What the host app's backend presents to tokens/generate (Authorization: Bearer). A secret: environment only.
    /// Missing: generated and logged at start in Development; the service refuses to start otherwise.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Signs the tokens (HMAC-SHA256), at least 32 characters; every instance needs the same. Missing: as Secret.</summary>
    public string? TokenKey { get; set; }

    /// <summary>How long a token opens its conversation; clients refresh it at half time.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Origins whose pages may call Direct Line from a browser (CORS); the service's own origin always may.</summary>
    public List<string> AllowedOrigins { get; init; } = [];

    /// <summary>
    /// POST /api/demo/token for the help-center page, standing in for the host app's backend: on in Development,
    /// off elsewhere unless set.
    /// </summary>
    public bool? DemoTokens { get; set; }

    /// <summary>How many activities one token may post per minute before it gets 429.</summary>
    public int ActivitiesPerMinute { get; set; } = 60;

    /// <summary>How often an open stream sends an empty keep-alive frame.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    public const int MinKeyLength = 32;

    public IEnumerable<string> Problems()
    {
        if (Secret is { Length: < 16 })
        {
            yield return $"{Section}:Secret must be at least 16 characters.";
        }

        if (TokenKey is { Length: < MinKeyLength })
        {
            yield return $"{Section}:TokenKey must be at least {MinKeyLength} characters.";
        }

        if (TokenLifetime < TimeSpan.FromMinutes(1))
        {
            yield return $"{Section}:TokenLifetime must be at least a minute.";
        }

        if (ActivitiesPerMinute < 1)
        {
            yield return $"{Section}:ActivitiesPerMinute must be at least 1.";
        }
    }
}
