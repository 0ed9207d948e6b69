namespace ServiceBot.Knowledge.Model;

/// <summary>One FAQ entry in one locale, as an editor wrote it (body still holds placeholders).</summary>
public sealed record KnowledgeEntry(
    string Id,
    string Locale,
    string Question,
    IReadOnlyList<string> Alternates,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Followups,
    string Body,
    SourceLocation Location)
{
    /// <summary>The question followed by its alternates: every phrasing a customer might use.</summary>
    public IEnumerable<string> Phrasings => Alternates.Prepend(Question);
}

/// <summary>A place in an editor's file, for problems and for tracing answers back to their source.</summary>
public readonly record struct SourceLocation(string Path, int Line)
{
    public override string ToString() => $"{Path}:{Line}";

    /// <summary>The same place with its path relative to <paramref name="folder"/>, '/'-separated (shown to clients).</summary>
    public SourceLocation RelativeTo(string folder) =>
        this with { Path = System.IO.Path.GetRelativePath(folder, Path).Replace(System.IO.Path.DirectorySeparatorChar, '/') };
}
