using Ganss.Xss;
using Markdig;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Rendering;

/// <summary>
/// Turns an answer's Markdown into what channels show: policy placeholders filled, HTML sanitized
/// (no scripts, event handlers or javascript: URLs, raw HTML escaped), and a plain-text form.
/// </summary>
public sealed class AnswerRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private readonly PolicyValues _policy;
    private readonly HtmlSanitizer _sanitizer;

    public AnswerRenderer(PolicyValues policy)
    {
        _policy = policy;
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.AllowedSchemes.Add("tel");
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedTags.Remove("form");
        _sanitizer.AllowedTags.Remove("input");
        _sanitizer.AllowedTags.Remove("button");
        _sanitizer.AllowedTags.Remove("textarea");
        _sanitizer.AllowedTags.Remove("select");
    }

    public RenderedAnswer Render(string markdown, string locale)
    {
        var filled = FillPlaceholders(markdown, locale);
        var html = _sanitizer.Sanitize(Markdown.ToHtml(filled, Pipeline)).Trim();
        var text = Markdown.ToPlainText(filled, Pipeline).Trim();
        return new RenderedAnswer(filled, html, text);
    }

    /// <summary>Replaces {{policy.key}} with the locale's policy text; unknown names stay visible (lint reports them).</summary>
    public string FillPlaceholders(string markdown, string locale) =>
        KnowledgeValidator.Placeholder().Replace(markdown, match =>
        {
            var name = match.Groups[1].Value;
            return name.StartsWith("policy.", StringComparison.Ordinal) &&
                   _policy.Get(name["policy.".Length..], locale) is { } value
                ? value
                : match.Value;
        });
}
