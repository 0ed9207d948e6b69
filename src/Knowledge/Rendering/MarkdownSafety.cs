using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ServiceBot.Knowledge.Rendering;

internal enum UnsafeKind
{
    /// <summary>An HTML block or inline tag (comments and processing instructions included).</summary>
    RawHtml,

    /// <summary>A link, image, autolink or link definition whose target has a scheme other than http(s), mailto, tel.</summary>
    DisallowedLink,
}

/// <summary>
/// One piece of an answer's Markdown that no form may carry: where it is (<paramref name="Start"/>,
/// <paramref name="Length"/>, 0-based <paramref name="Line"/>), what was written, the refused scheme of a link,
/// and the Markdown that takes its place.
/// </summary>
internal sealed record UnsafeNode(UnsafeKind Kind, int Start, int Length, int Line, string Written, string? Scheme, string Replacement);

/// <summary>
/// Finds raw HTML and script links in Markdown, and rewrites Markdown without them. Lint reports what
/// <see cref="Find"/> returns; rendering derives every form from <see cref="MakeSafe"/>, so both judge alike.
/// </summary>
internal static class MarkdownSafety
{
    // Removing a piece joins the text on both sides, which can make new markup ("<<script>script>",
    // "[[x](javascript:a)](javascript:b)"): rewriting repeats until nothing is found, this many times at most.
    private const int MaxPasses = 8;

    /// <summary>The unsafe pieces of <paramref name="markdown"/>, outermost only (a refused link's label is not searched).</summary>
    public static IReadOnlyList<UnsafeNode> Find(string markdown)
    {
        var found = new List<UnsafeNode>();
        VisitBlock(Markdown.Parse(markdown, AnswerPipelines.Inspect), markdown, found);
        return found.DistinctBy(n => (n.Start, n.Length)).ToList();
    }

    /// <summary>
    /// <paramref name="markdown"/> with raw HTML removed and refused links replaced by their label as text.
    /// Code spans and code blocks stay verbatim: they are text in every Markdown reader. Returns the input itself
    /// when it has nothing unsafe.
    /// </summary>
    public static string MakeSafe(string markdown)
    {
        var current = markdown;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var found = Find(current);
            if (found.Count == 0)
            {
                return current;
            }

            current = Rewrite(current, found);
        }

        // Built to defeat the rewriting: keep the words, give up the structure.
        return Find(current).Count == 0 ? current : MarkdownText.Escape(current.Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal));
    }

    private static string Rewrite(string markdown, IReadOnlyList<UnsafeNode> found)
    {
        var rewritten = new StringBuilder(markdown);
        var limit = markdown.Length;
        foreach (var node in found.OrderByDescending(n => n.Start))
        {
            if (node.Start + node.Length > limit)
            {
                continue; // overlaps a piece already replaced
            }

            rewritten.Remove(node.Start, node.Length).Insert(node.Start, node.Replacement);
            limit = node.Start;
        }

        return rewritten.ToString();
    }

    private static void VisitBlock(Block block, string source, List<UnsafeNode> found)
    {
        switch (block)
        {
            case HtmlBlock html:
                found.Add(Node(UnsafeKind.RawHtml, html, source, FirstLine(html.Lines.ToString()), null, ""));
                break;
            case LinkReferenceDefinition definition when LinkSchemes.Disallowed(definition.Url) is { } scheme:
                found.Add(Node(UnsafeKind.DisallowedLink, definition, source, definition.Url ?? "", scheme, ""));
                break;
            case ContainerBlock container:
                if (container is Markdig.Extensions.Tables.Table table)
                {
                    VisitCellsAsGfmSplitsThem(table, source, found);
                }

                foreach (var child in container)
                {
                    VisitBlock(child, source, found);
                }

                break;
            case LeafBlock { Inline: { } inline }:
                VisitInline(inline, source, found);
                break;
        }
    }

    private static void VisitInline(Inline inline, string source, List<UnsafeNode> found)
    {
        switch (inline)
        {
            case HtmlInline html:
                found.Add(Node(UnsafeKind.RawHtml, html, source, html.Tag ?? "", null, ""));
                break;
            case AutolinkInline autolink when LinkSchemes.Disallowed(autolink.Url) is { } scheme:
                // An autolink's text is its target: a target that may not be linked is not shown either.
                found.Add(Node(UnsafeKind.DisallowedLink, autolink, source, autolink.Url, scheme, ""));
                break;
            case LinkInline link when LinkSchemes.Disallowed(link.Url) is { } scheme:
                var replacement = link.IsAutoLink ? "" : MarkdownText.Escape(Label(link).ReplaceLineEndings(" "));
                found.Add(Node(UnsafeKind.DisallowedLink, link, source, link.Url ?? "", scheme, replacement));
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    VisitInline(child, source, found);
                }

                break;
        }
    }

    /// <summary>
    /// Markdig reads code spans before it splits a table row into cells; GFM readers (markdown-it, marked, GitHub)
    /// split on every unescaped '|' first. So "`x | &lt;img onerror=…&gt; `" is code to Markdig and a tag to them:
    /// each cell of a row with a backtick is also checked as those readers cut it.
    /// </summary>
    private static void VisitCellsAsGfmSplitsThem(Markdig.Extensions.Tables.Table table, string source, List<UnsafeNode> found)
    {
        var end = Math.Min(table.Span.End + 1, source.Length);
        var line = table.Line;
        for (var lineStart = Math.Max(table.Span.Start, 0); lineStart < end; line++)
        {
            var lineEnd = source.IndexOf('\n', lineStart, end - lineStart);
            lineEnd = lineEnd < 0 ? end : lineEnd;
            if (source.AsSpan(lineStart, lineEnd - lineStart).Contains('`'))
            {
                var cellStart = lineStart;
                for (var i = lineStart; i <= lineEnd; i++)
                {
                    if (i == lineEnd || (source[i] == '|' && (i == lineStart || source[i - 1] != '\\')))
                    {
                        foreach (var node in Find(source[cellStart..i]))
                        {
                            found.Add(node with { Start = node.Start + cellStart, Line = line });
                        }

                        cellStart = i + 1;
                    }
                }
            }

            lineStart = lineEnd + 1;
        }
    }

    private static UnsafeNode Node(UnsafeKind kind, MarkdownObject node, string source, string written, string? scheme, string replacement)
    {
        // Markdig spans are inclusive; clamp so a span reaching past the end cannot throw.
        var start = Math.Clamp(node.Span.Start, 0, source.Length);
        var length = Math.Clamp(node.Span.End - node.Span.Start + 1, 0, source.Length - start);
        return new UnsafeNode(kind, start, length, node.Line, written, scheme, replacement);
    }

    /// <summary>What a reader sees of a link's label (an image's alt text): its text without markup.</summary>
    private static string Label(ContainerInline container)
    {
        var label = new StringBuilder();
        foreach (var inline in container)
        {
            label.Append(inline switch
            {
                LiteralInline literal => literal.Content.ToString(),
                CodeInline code => code.Content,
                HtmlEntityInline entity => entity.Transcoded.ToString(),
                LineBreakInline => " ",
                ContainerInline inner => Label(inner),
                _ => "",
            });
        }

        return label.ToString();
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
