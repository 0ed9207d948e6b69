using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Handoff.Tests.Transcripts;

public sealed class InMemoryTranscriptTests : TranscriptContract
{
    private readonly ManualTime _time = new();

    protected override ITranscript Create(TranscriptOptions options) => new InMemoryTranscript(options, _time, Logger<InMemoryTranscript>());

    protected override ITranscript OtherInstance(ITranscript first, TranscriptOptions options) => first;

    protected override Task PassAsync(TimeSpan time)
    {
        _time.Now += time;
        return Task.CompletedTask;
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
