using System.Text;
using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Knowledge.Loading;

/// <summary>
/// Reads a knowledge folder: faq/&lt;locale&gt;/&lt;id&gt;.md entries, policy.yaml and synonyms/&lt;locale&gt;.txt,
/// and reports every problem as path:line. Never throws on bad content.
/// </summary>
public static class KnowledgeLoader
{
    public const string FaqFolder = "faq";

    public static KnowledgeSource Load(string root)
    {
        var problems = new List<Problem>();
        if (!Directory.Exists(root))
        {
            problems.Add(new Problem(root, 1, Severity.Error, "knowledge folder not found"));
            return new KnowledgeSource([], PolicyValues.Empty, new Dictionary<string, SynonymTable>(), ConfidenceModel.Default, problems);
        }

        var policy = LoadPolicy(root, problems);
        var synonyms = LoadSynonyms(root, problems);
        var calibration = LoadCalibration(root, problems);
        var contrasts = LoadContrasts(root, problems);
        var files = LoadEntries(root, problems);
        KnowledgeValidator.Validate(files, policy, problems);
        CheckContrasts(root, contrasts, files, problems);

        var entries = files.Where(f => f.Entry is not null).Select(f => f.Entry!).ToList();
        var ordered = problems
            .OrderBy(p => p.Location.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Location.Line)
            .ToList();
        return new KnowledgeSource(entries, policy, synonyms, calibration, ordered) { Contrasts = contrasts };
    }

    /// <summary>The files whose changes matter to a loaded knowledge base.</summary>
    public static IEnumerable<string> WatchedFiles(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)
                    || f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            : [];

    private static PolicyValues LoadPolicy(string root, List<Problem> problems)
    {
        var path = Path.Combine(root, PolicyValues.FileName);
        if (!File.Exists(path))
        {
            problems.Add(new Problem(path, 1, Severity.Warning, "no policy file: placeholders cannot be filled"));
            return PolicyValues.Empty;
        }

        return PolicyValues.Parse(path, ReadText(path), problems);
    }

    private static ConfidenceModel LoadCalibration(string root, List<Problem> problems)
    {
        var path = Path.Combine(root, ConfidenceModel.FileName);
        return File.Exists(path) ? ConfidenceModel.Parse(path, ReadText(path), problems) : ConfidenceModel.Default;
    }

    private static ContrastPairs LoadContrasts(string root, List<Problem> problems)
    {
        var path = Path.Combine(root, ContrastPairs.FileName);
        return File.Exists(path) ? ContrastPairs.Parse(path, ReadText(path), problems) : ContrastPairs.Empty;
    }

    /// <summary>A contrast naming an entry no locale has would silently do nothing: an error at its line.</summary>
    private static void CheckContrasts(string root, ContrastPairs contrasts, List<EntryFile> files, List<Problem> problems)
    {
        var ids = files.Where(f => f.Entry is not null).Select(f => f.Entry!.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, line) in contrasts.EntryReferences.Where(r => !ids.Contains(r.EntryId)))
        {
            problems.Add(new Problem(Path.Combine(root, ContrastPairs.FileName), line, Severity.Error, $"unknown entry '{id}'"));
        }
    }

    private static Dictionary<string, SynonymTable> LoadSynonyms(string root, List<Problem> problems)
    {
        var tables = new Dictionary<string, SynonymTable>(StringComparer.Ordinal);
        var folder = Path.Combine(root, SynonymTable.FolderName);
        if (!Directory.Exists(folder))
        {
            return tables;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var locale = Path.GetFileNameWithoutExtension(path);
            if (!Locales.IsKnown(locale))
            {
                problems.Add(new Problem(path, 1, Severity.Error,
                    $"unknown locale '{locale}': synonym files are named {string.Join(" or ", Locales.All.Select(l => l + ".txt"))}"));
                continue;
            }

            tables[locale] = SynonymTable.Parse(path, ReadText(path), problems);
        }

        return tables;
    }

    private static List<EntryFile> LoadEntries(string root, List<Problem> problems)
    {
        var files = new List<EntryFile>();
        var faq = Path.Combine(root, FaqFolder);
        if (!Directory.Exists(faq))
        {
            problems.Add(new Problem(faq, 1, Severity.Error, "no faq folder: entries live in faq/<locale>/<id>.md"));
            return files;
        }

        foreach (var path in Directory.EnumerateFiles(faq, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(faq, path);
            var folder = Path.GetDirectoryName(relative) ?? "";
            if (!Locales.IsKnown(folder))
            {
                problems.Add(new Problem(path, 1, Severity.Error,
                    $"'{folder}' is not a locale folder: put entries in faq/{string.Join(" or faq/", Locales.All)}"));
                continue;
            }

            var length = new FileInfo(path).Length;
            if (length > EntryFileParser.MaxFileBytes)
            {
                problems.Add(new Problem(path, 1, Severity.Error,
                    $"file is {length / 1024} KB; an entry must stay under {EntryFileParser.MaxFileBytes / 1024} KB (split it)"));
                continue;
            }

            var text = ReadText(path);
            files.Add(new EntryFile(path, text, EntryFileParser.Parse(path, folder, text, problems)));
        }

        return files;
    }

    private static string ReadText(string path)
    {
        // Editors may save while we read; a short retry avoids reporting a half-written file.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
            }
            catch (IOException) when (attempt < 3)
            {
                Thread.Sleep(50);
            }
        }
    }
}

/// <summary>A knowledge file's text and the entry parsed from it (null when it had errors).</summary>
internal sealed record EntryFile(string Path, string Text, KnowledgeEntry? Entry);
