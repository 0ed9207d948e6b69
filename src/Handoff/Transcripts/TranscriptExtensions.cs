namespace ServiceBot.Handoff.Transcripts;

public static class TranscriptExtensions
{
    /// <summary>
    /// Every entry after <paramref name="watermark"/>, page by page (a reader catching up, an agent's view). Stops at
    /// the first page that is not full, so a busy conversation cannot keep it reading.
    /// </summary>
    public static async Task<TranscriptPage> ReadAllAsync(this ITranscript transcript, string conversationId, long watermark = 0, CancellationToken cancellationToken = default)
    {
        const int PageSize = 100;
        var entries = new List<TranscriptEntry>();
        while (true)
        {
            var page = await transcript.ReadAsync(conversationId, watermark, PageSize, cancellationToken);
            entries.AddRange(page.Entries);
            watermark = page.Watermark;
            if (page.Entries.Count < PageSize)
            {
                return new TranscriptPage(entries, watermark);
            }
        }
    }
}
