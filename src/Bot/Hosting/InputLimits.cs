namespace ServiceBot.Bot.Hosting;

/// <summary>
/// Configuration section "Limits": the longest text accepted anywhere, checked before anything is stored, searched
/// or relayed. Request bodies are capped to what their text needs (<see cref="BodyBytesFor"/>), so an oversized body
/// is refused (413) before it is read.
/// </summary>
public sealed class InputLimits
{
    public const string Section = "Limits";

    /// <summary>A customer's message to the bot.</summary>
    public int MessageChars { get; set; } = 2000;

    /// <summary>A knowledge search question.</summary>
    public int QueryChars { get; set; } = 2000;

    /// <summary>Merchant and platform text that reaches the customer: reject reason, counter-offer note, decision note.</summary>
    public int NoteChars { get; set; } = 1000;

    /// <summary>
    /// The largest JSON body that can carry text of <paramref name="chars"/> characters: each one escaped
    /// (\uXXXX, 6 bytes) in the worst case, plus room for the other fields.
    /// </summary>
    public static long BodyBytesFor(int chars) => (chars * 6L) + 4096;

    /// <summary>The limits make sense: each at least 1.</summary>
    public bool IsValid => MessageChars > 0 && QueryChars > 0 && NoteChars > 0;

    /// <summary>Throws <see cref="InputTooLongException"/> when <paramref name="value"/> is longer than <paramref name="limit"/>.</summary>
    public static void Check(string? value, int limit, string field)
    {
        if (value is not null && value.Length > limit)
        {
            throw new InputTooLongException(field, limit);
        }
    }
}

/// <summary>A text field is longer than its configured limit (HTTP 400 naming the field and the limit).</summary>
public sealed class InputTooLongException(string field, int limit)
    : ArgumentException($"{field} is longer than {limit} characters.")
{
    public string Field { get; } = field;

    public int Limit { get; } = limit;
}
