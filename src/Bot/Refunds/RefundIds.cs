using System.Globalization;

namespace ServiceBot.Bot.Refunds;

/// <summary>Request ids: "R" + UTC date (yyyyMMdd) + a per-day sequence number of at least 6 digits.</summary>
public static class RefundIds
{
    public static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Format(string day, long sequence) => "R" + day + sequence.ToString("D6", CultureInfo.InvariantCulture);
}
