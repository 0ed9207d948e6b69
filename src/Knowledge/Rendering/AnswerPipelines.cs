using Markdig;

namespace ServiceBot.Knowledge.Rendering;

/// <summary>The Markdig pipelines answers are read with: one extension set, so checking and rendering agree.</summary>
internal static class AnswerPipelines
{
    /// <summary>Renders HTML and plain text; raw HTML is never passed through (a second wall behind <see cref="MarkdownSafety"/>).</summary>
    public static MarkdownPipeline Render { get; } = Extensions().DisableHtml().Build();

    /// <summary>Reads an answer the way a permissive client would, so raw HTML shows up as HTML nodes with exact spans.</summary>
    public static MarkdownPipeline Inspect { get; } = Extensions().UsePreciseSourceLocation().Build();

    private static MarkdownPipelineBuilder Extensions() => new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks();
}
