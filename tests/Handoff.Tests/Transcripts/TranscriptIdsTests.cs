using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Handoff.Tests.Transcripts;

public sealed class TranscriptIdsTests
{
    [Theory]
    [InlineData("conv-1", 42, "conv-1|0000042")]
    [InlineData("a|b", 1, "a|b|0000001")]
    [InlineData("x", 12345678, "x|12345678")]
    [InlineData("x", 0, "x|0000000")]
    public void An_id_is_the_conversation_a_bar_and_at_least_seven_digits_and_parses_back(string conversationId, long sequence, string expected)
    {
        Assert.Equal(expected, TranscriptIds.Format(conversationId, sequence));
        Assert.True(TranscriptIds.TryParseSequence(expected, out var parsed));
        Assert.Equal(sequence, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("conv")]
    [InlineData("conv|")]
    [InlineData("|0000001")]
    [InlineData("conv|-1")]
    [InlineData("conv|+1")]
    [InlineData("conv| 1")]
    [InlineData("conv|1a")]
    [InlineData("conv|99999999999999999999")]
    public void Anything_else_is_not_a_transcript_id(string? id)
    {
        Assert.False(TranscriptIds.TryParseSequence(id, out var sequence));
        Assert.Equal(0, sequence);
    }

    [Fact]
    public void A_negative_sequence_has_no_id() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TranscriptIds.Format("conv", -1));
}
