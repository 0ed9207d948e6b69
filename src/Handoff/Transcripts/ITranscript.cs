using ServiceBot.Handoff.Activities;

namespace ServiceBot.Handoff.Transcripts;

/// <summary>
/// A conversation's activity log (Direct Line's): every activity gets the next sequence number, which is also the
/// watermark clients resume from. Capped (the newest <see cref="TranscriptOptions.Capacity"/> are kept) and dropped
/// when nothing was appended for <see cref="TranscriptOptions.Ttl"/>; a dropped transcript starts again at 1.
/// </summary>
public interface ITranscript
{
    /// <summary>
    /// Appends in order, atomically; each gets the next sequence number (1, 2, …) and is announced to every
    /// instance's subscribers. The activities' own ids are not kept: an entry's id derives from its sequence.
    /// </summary>
    Task<IReadOnlyList<TranscriptEntry>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="AppendAsync"/>, when <paramref name="rule"/> allows it (checked in the same step); null when it does not.</summary>
    Task<IReadOnlyList<TranscriptEntry>?> TryAppendAsync(string conversationId, IReadOnlyList<Activity> activities, AppendRule rule, CancellationToken cancellationToken = default);

    /// <summary>Who holds the conversation's floor (<see cref="Floor"/>).</summary>
    Task<string> FloorAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Whether the conversation has a transcript (something was appended and it has not expired).</summary>
    Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Entries with Sequence &gt; <paramref name="watermark"/>, oldest first, at most <paramref name="max"/>. When the cap
    /// already dropped what followed the watermark, the page starts at the oldest entry kept.
    /// </summary>
    Task<TranscriptPage> ReadAsync(string conversationId, long watermark, int max = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onAppended"/> whenever the conversation's transcript grows, on any instance, with the last
    /// sequence and the appended entries that came along; dispose to stop. Calls of one subscription come one at a
    /// time, off the appender's thread; appends made while a call runs are announced once, with the newest sequence.
    /// No exception escapes a callback (it is logged). Announcements are hints: one lost while Redis reconnects is not
    /// repeated, so go on from your watermark (<see cref="TranscriptAnnouncement.After"/>, else read).
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(string conversationId, Func<TranscriptAnnouncement, Task> onAppended, CancellationToken cancellationToken = default);
}
