using System.Globalization;

namespace ServiceBot.Bot.Refunds;

/// <summary>Request ids: "R" + UTC date (yyyyMMdd) + a per-day sequence number of at least 6 digits.</summary>
public static class RefundIds
{
    public static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Format(string day, long sequence) => "R" + day + sequence.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// True for a well-formed id: "R", eight digits, then 6 to 12 digits. Anything else names no request, and is
    /// never turned into a Redis key.
    /// </summary>
    public static bool IsValid(string? id) =>
        id is { Length: >= 15 and <= 21 } && id[0] == 'R' && id.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
