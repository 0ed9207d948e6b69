using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Handoff.Tests.Transcripts;

public sealed class TranscriptAnnouncementTests
{
    private static TranscriptEntry Entry(long sequence) => new(sequence, new Activity { Text = $"m{sequence}" });

    [Fact]
    public void Entries_that_follow_on_from_the_watermark_up_to_the_last_sequence_are_the_page()
    {
        var page = new TranscriptAnnouncement(5, [Entry(2), Entry(3), Entry(4), Entry(5)]).After(3)!;
        Assert.Equal([4L, 5L], page.Entries.Select(e => e.Sequence));
        Assert.Equal(5, page.Watermark);
    }

    [Theory]
    [InlineData(new long[] { 4, 6 }, 6)] // 5 is missing
    [InlineData(new long[] { 5, 6 }, 6)] // 4 is missing
    [InlineData(new long[] { 4, 5 }, 6)] // the last one came without its entry
    [InlineData(new long[] { 5, 4 }, 5)] // out of order: read to be sure
    [InlineData(new long[0], 4)]
    public void A_gap_means_read(long[] sequences, long last) =>
        Assert.Null(new TranscriptAnnouncement(last, sequences.Select(Entry).ToList()).After(3));

    [Fact]
    public void Nothing_newer_than_the_watermark_is_an_empty_page()
    {
        var page = new TranscriptAnnouncement(3, [Entry(3)]).After(3)!;
        Assert.Empty(page.Entries);
        Assert.Equal(3, page.Watermark);
    }
}
