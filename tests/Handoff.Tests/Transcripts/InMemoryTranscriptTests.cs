using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Handoff.Tests.Transcripts;

public sealed class InMemoryTranscriptTests : TranscriptContract
{
    protected override ITranscript Create(TranscriptOptions options) => new InMemoryTranscript(options, TimeProvider.System, Logger<InMemoryTranscript>());

    protected override ITranscript OtherInstance(ITranscript first, TranscriptOptions options) => first;
}
