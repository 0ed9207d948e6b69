namespace ServiceBot.Handoff.Transcripts;

/// <summary>Configuration section "Transcripts".</summary>
public sealed class TranscriptOptions
{
    public const string Section = "Transcripts";

    /// <summary>How many activities a transcript keeps; the oldest go as new ones come.</summary>
    public int Capacity { get; set; } = 1000;

    /// <summary>A transcript nothing was appended to for this long is dropped; every append starts the time again.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>What is wrong with these options, one line each; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Capacity < 1)
        {
            yield return $"{Section}:Capacity must be at least 1.";
        }

        if (Ttl < TimeSpan.FromMilliseconds(1))
        {
            yield return $"{Section}:Ttl must be at least 1 ms.";
        }
    }
}
