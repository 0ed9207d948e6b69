using System.Globalization;

namespace ServiceBot.Handoff.Transcripts;

/// <summary>Activity ids of transcript entries in Direct Line's shape: "conversationId|0000042".</summary>
public static class TranscriptIds
{
    /// <summary>The id of entry <paramref name="sequence"/>: at least seven digits, more when the sequence needs them.</summary>
    public static string Format(string conversationId, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{sequence:D7}");
    }

    /// <summary>The sequence of an id <see cref="Format"/> made (digits after the last '|'); false for anything else.</summary>
    public static bool TryParseSequence(string? id, out long sequence)
    {
        sequence = 0;
        var bar = id?.LastIndexOf('|') ?? -1;
        return bar > 0 && long.TryParse(id.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
