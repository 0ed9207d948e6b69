using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Rendering;

namespace ServiceBot.Knowledge.Loading;

/// <summary>Warns about what rendering takes out of an entry (<see cref="MarkdownSafety"/>): raw HTML and script links.</summary>
internal static class MarkupLint
{
    private const int MaxQuoted = 40;

    public static void Check(EntryFile file, List<Problem> problems)
    {
        var entry = file.Entry!;
        CheckPhrasing(file, entry.Question, EntryFileParser.LineOfText(file.Text, "question:"), "the question", problems);
        foreach (var alternate in entry.Alternates)
        {
            CheckPhrasing(file, alternate, EntryFileParser.LineOfText(file.Text, alternate), $"alternate '{alternate}'", problems);
        }

        var bodyLine = EntryFileParser.LineOfBody(file.Text, entry.Body);
        var reportedHtmlLines = new HashSet<int>();
        foreach (var node in MarkdownSafety.Find(entry.Body))
        {
            var line = bodyLine + node.Line;
            if (node.Kind == UnsafeKind.DisallowedLink)
            {
                problems.Add(new Problem(file.Path, line, Severity.Warning,
                    $"link scheme '{node.Scheme}' is not allowed: use {LinkSchemes.AllowedText}"));
            }
            else if (reportedHtmlLines.Add(line))
            {
                // One warning a line: "<b>x</b>" is one mistake, not two.
                problems.Add(new Problem(file.Path, line, Severity.Warning,
                    $"raw HTML '{Quoted(node.Written)}' is not shown; write Markdown"));
            }
        }
    }

    /// <summary>Questions are plain text, but the "did you mean" list and channels show them next to Markdown.</summary>
    private static void CheckPhrasing(EntryFile file, string phrasing, int line, string what, List<Problem> problems)
    {
        if (MarkdownSafety.Find(phrasing).FirstOrDefault(n => n.Kind == UnsafeKind.RawHtml) is { } html)
        {
            problems.Add(new Problem(file.Path, line, Severity.Warning,
                $"raw HTML '{Quoted(html.Written)}' in {what}: questions and alternates are plain text"));
        }
    }

    private static string Quoted(string written)
    {
        var trimmed = written.Trim();
        return trimmed.Length > MaxQuoted ? trimmed[..MaxQuoted] + "…" : trimmed;
    }
}
