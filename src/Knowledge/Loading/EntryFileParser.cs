using Markdig;
using Markdig.Extensions.Yaml;
using ServiceBot.Knowledge.Model;
using YamlDotNet.RepresentationModel;

namespace ServiceBot.Knowledge.Loading;

/// <summary>Parses one knowledge file (YAML front matter + Markdown body) into an entry, reporting problems.</summary>
internal static class EntryFileParser
{
    public const int MaxFileBytes = 64 * 1024;

    private static readonly MarkdownPipeline FrontMatterPipeline =
        new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private static readonly HashSet<string> KnownKeys =
        new(StringComparer.Ordinal) { "id", "question", "alternates", "tags", "followups" };

    public static KnowledgeEntry? Parse(string displayPath, string locale, string text, ICollection<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new Problem(displayPath, 1, Severity.Error, "file is empty"));
            return null;
        }

        var document = Markdown.Parse(text, FrontMatterPipeline);
        if (document.Count == 0 || document[0] is not YamlFrontMatterBlock frontMatter)
        {
            problems.Add(new Problem(displayPath, 1, Severity.Error,
                "missing YAML front matter: the file must start with a line '---', the entry's fields, and '---'"));
            return null;
        }

        // Front matter starts on line 2 of the file (line 1 is the opening ---).
        var yamlFirstLine = frontMatter.Line + 2;
        var yaml = frontMatter.Lines.ToString();
        var (root, errorLine, error) = YamlNodes.ParseMapping(yaml);
        if (root is null)
        {
            problems.Add(new Problem(displayPath, yamlFirstLine + Math.Max(errorLine, 1) - 1, Severity.Error, error!));
            return null;
        }

        int LineOf(YamlNode node) => yamlFirstLine + YamlNodes.LineOf(node) - 1;
        YamlNode? Field(string key) =>
            root.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        foreach (var key in root.Children.Keys)
        {
            if (YamlNodes.Scalar(key) is { } name && !KnownKeys.Contains(name))
            {
                problems.Add(new Problem(displayPath, LineOf(key), Severity.Warning, $"unknown field '{name}' is ignored"));
            }
        }

        var ok = true;
        string RequiredScalar(string key)
        {
            var value = YamlNodes.Scalar(Field(key))?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                problems.Add(new Problem(displayPath, Field(key) is { } node ? LineOf(node) : yamlFirstLine,
                    Severity.Error, $"missing {key}"));
                ok = false;
                return "";
            }

            return value;
        }

        IReadOnlyList<string> OptionalList(string key)
        {
            var node = Field(key);
            var list = YamlNodes.StringList(node);
            if (list is null)
            {
                problems.Add(new Problem(displayPath, LineOf(node!), Severity.Error, $"{key} must be a list of texts"));
                ok = false;
                return [];
            }

            return list;
        }

        var id = RequiredScalar("id");
        var question = RequiredScalar("question");
        var alternates = OptionalList("alternates");
        var tags = OptionalList("tags");
        var followups = OptionalList("followups");

        var bodyStart = Math.Min(frontMatter.Span.End + 1, text.Length);
        var body = text[bodyStart..].Trim();
        if (body.Length == 0)
        {
            problems.Add(new Problem(displayPath, frontMatter.Line + frontMatter.Lines.Count + 2, Severity.Error, "missing body: the answer text after the front matter"));
            ok = false;
        }

        var location = new SourceLocation(displayPath, 1);
        return ok ? new KnowledgeEntry(id, locale, question, alternates, tags, followups, body, location) : null;
    }

    /// <summary>1-based line of the file on which <paramref name="body"/>, as <see cref="Parse"/> cut it, starts.</summary>
    public static int LineOfBody(string text, string body)
    {
        // Parse trims the text after the front matter, so the body ends where the file's text ends.
        var start = Math.Max(text.TrimEnd().Length - body.Length, 0);
        return 1 + text.AsSpan(0, start).Count('\n');
    }

    /// <summary>1-based line of the first occurrence of <paramref name="needle"/> in the file, or 1.</summary>
    public static int LineOfText(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        return index < 0 ? 1 : 1 + text.AsSpan(0, index).Count('\n');
    }
}
