using ServiceBot.Knowledge.Search;

namespace ServiceBot.Bot.Hosting;

/// <summary>Configuration section "Knowledge".</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>The knowledge folder; when empty, the nearest "knowledge" folder up from the working directory.</summary>
    public string? Path { get; set; }

    /// <summary>Confidence at or above which the bot answers.</summary>
    public double AnswerThreshold { get; set; } = new SearchThresholds().Answer;

    /// <summary>Confidence at or above which the bot offers "did you mean" choices; below it, it falls back.</summary>
    public double ClarifyThreshold { get; set; } = new SearchThresholds().Clarify;

    public SearchThresholds Thresholds => new(AnswerThreshold, ClarifyThreshold);

    /// <summary>Resolves the knowledge folder: the configured path, or "knowledge" in this or a parent folder.</summary>
    public string ResolvePath()
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            return Shorten(System.IO.Path.GetFullPath(Path));
        }

        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, "knowledge");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "faq")))
            {
                return Shorten(candidate);
            }
        }

        return "knowledge";
    }

    /// <summary>Relative to the working directory when inside it, so lint lines read knowledge/faq/… .</summary>
    private static string Shorten(string fullPath)
    {
        var relative = System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? fullPath : relative;
    }
}
