using Ganss.Xss;
using Markdig;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Rendering;

/// <summary>
/// Turns an answer's Markdown into what channels show. Policy placeholders are filled, then raw HTML and links with
/// a scheme other than http(s), mailto or tel are taken out (<see cref="MarkdownSafety"/>); every form is derived
/// from that safe Markdown. The HTML form is sanitized once more, as a second wall.
/// </summary>
public sealed class AnswerRenderer
{
    private readonly PolicyValues _policy;
    private readonly HtmlSanitizer _sanitizer;

    public AnswerRenderer(PolicyValues policy)
    {
        _policy = policy;
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.UnionWith(LinkSchemes.Allowed);
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedTags.Remove("form");
        _sanitizer.AllowedTags.Remove("input");
        _sanitizer.AllowedTags.Remove("button");
        _sanitizer.AllowedTags.Remove("textarea");
        _sanitizer.AllowedTags.Remove("select");
    }

    public RenderedAnswer Render(string markdown, string locale)
    {
        // Filled first: a policy value is content too, and goes through the same checks.
        var safe = MarkdownSafety.MakeSafe(FillPlaceholders(markdown, locale));
        // Parsed once for both forms: a knowledge base of 1,000 entries renders every answer at each (re)load.
        var document = Markdown.Parse(safe, AnswerPipelines.Render);
        var html = _sanitizer.Sanitize(document.ToHtml(AnswerPipelines.Render)).Trim();
        return new RenderedAnswer(safe, html, PlainText(document));
    }

    /// <summary>What Markdown.ToPlainText does, from an already parsed document.</summary>
    private static string PlainText(Markdig.Syntax.MarkdownDocument document)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new Markdig.Renderers.HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        AnswerPipelines.Render.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString().Trim();
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
