namespace ServiceBot.Handoff.Transcripts;

/// <summary>
/// What a subscriber is told when a transcript grew: the newest sequence, and the entries that came with the
/// announcements since its last call (oldest first). Announcements may be lost, arrive out of order or come without
/// their entries (too large to carry), so <see cref="After"/> says whether they are enough to go on from a watermark.
/// </summary>
public sealed record TranscriptAnnouncement(long LastSequence, IReadOnlyList<TranscriptEntry> Entries)
{
    /// <summary>
    /// The entries after <paramref name="watermark"/> when the announcements hold every one of them up to
    /// <see cref="LastSequence"/> (an empty page when nothing is newer); null when some are missing: read them.
    /// </summary>
    public TranscriptPage? After(long watermark)
    {
        if (LastSequence <= watermark)
        {
            return TranscriptFormat.Page([], watermark);
        }

        var next = watermark + 1;
        var entries = new List<TranscriptEntry>((int)Math.Min(LastSequence - watermark, Entries.Count));
        foreach (var entry in Entries)
        {
            if (entry.Sequence == next)
            {
                entries.Add(entry);
                next++;
            }
            else if (entry.Sequence > next)
            {
                return null;
            }
        }

        return next == LastSequence + 1 ? TranscriptFormat.Page(entries, watermark) : null;
    }
}
