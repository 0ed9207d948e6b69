using ServiceBot.Handoff.Activities;

namespace ServiceBot.Handoff.Transcripts;

/// <summary>One activity of a transcript; its <see cref="Activity.Id"/> is <see cref="TranscriptIds.Format"/> of the sequence.</summary>
public sealed record TranscriptEntry(long Sequence, Activity Activity);
