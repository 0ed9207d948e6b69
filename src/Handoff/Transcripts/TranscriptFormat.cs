using System.Text.Json;
using ServiceBot.Handoff.Activities;

namespace ServiceBot.Handoff.Transcripts;

/// <summary>
/// What both transcripts share: the stored form of an activity (its JSON without the id, which derives from the
/// sequence, so a client's own id never reaches another client) and the shape of a read.
/// </summary>
internal static class TranscriptFormat
{
    public static byte[] Serialize(Activity activity) =>
        JsonSerializer.SerializeToUtf8Bytes(activity with { Id = null }, ActivityJsonContext.Default.Activity);

    public static TranscriptEntry Deserialize(string conversationId, long sequence, ReadOnlySpan<byte> json) =>
        Entry(conversationId, sequence, JsonSerializer.Deserialize(json, ActivityJsonContext.Default.Activity)!);

    public static TranscriptEntry Deserialize(string conversationId, long sequence, string json) =>
        Entry(conversationId, sequence, JsonSerializer.Deserialize(json, ActivityJsonContext.Default.Activity)
            ?? throw new JsonException("An announced activity is null."));

    /// <summary>The entries of activities appended as one batch whose last sequence is <paramref name="last"/>.</summary>
    public static List<TranscriptEntry> Appended(string conversationId, IReadOnlyList<Activity> activities, long last) =>
        activities.Select((activity, i) => Entry(conversationId, last - activities.Count + 1 + i, activity)).ToList();

    public static void CheckRead(long watermark, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(watermark);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
    }

    public static TranscriptPage Page(IReadOnlyList<TranscriptEntry> entries, long watermark) =>
        new(entries, entries.Count > 0 ? entries[^1].Sequence : watermark);

    private static TranscriptEntry Entry(string conversationId, long sequence, Activity activity) =>
        new(sequence, activity with { Id = TranscriptIds.Format(conversationId, sequence) });
}
