namespace ServiceBot.Handoff.Transcripts;

/// <summary>What a read found; <see cref="Watermark"/> is the last sequence returned, or the one asked for when none was.</summary>
public sealed record TranscriptPage(IReadOnlyList<TranscriptEntry> Entries, long Watermark);
