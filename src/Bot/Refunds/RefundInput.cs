using System.Buffers;
using System.Globalization;

namespace ServiceBot.Bot.Refunds;

/// <summary>Checks on what people type in; a bad value is an <see cref="ArgumentException"/> (HTTP 400), not a lifecycle error.</summary>
public static class RefundInput
{
    private static readonly SearchValues<char> LettersAndDigits =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Carriers' tracking numbers: 8-20 ASCII letters or digits.</summary>
    public static bool IsTrackingNumber(string? value) =>
        value is { Length: >= 8 and <= 20 } && !value.AsSpan().ContainsAnyExcept(LettersAndDigits);

    public static void TrackingNumber(string? value)
    {
        if (!IsTrackingNumber(value))
        {
            throw new ArgumentException("A tracking number is 8-20 letters or digits.");
        }
    }

    /// <summary>More than zero, in whole cents, and at most <paramref name="max"/> when given.</summary>
    public static void Amount(decimal amount, decimal? max = null)
    {
        if (amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentException("An amount must be more than 0, in whole cents.");
        }

        if (amount > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The amount must be at most {max}."));
        }
    }

    /// <summary>One upload carries at most policy upload_max_images pieces.</summary>
    public static void Evidence(IReadOnlyCollection<Evidence> evidence, RefundPolicy policy)
    {
        if (evidence.Count > policy.UploadMaxImages)
        {
            throw new ArgumentException($"At most {policy.UploadMaxImages} pieces of evidence at a time.");
        }
    }

    public static void Offer(CounterOffer offer)
    {
        if (offer.Amount is null && !offer.Exchange)
        {
            throw new ArgumentException("A counter-offer needs an amount or an exchange.");
        }

        if (offer.Amount is { } amount)
        {
            Amount(amount);
        }
    }
}
