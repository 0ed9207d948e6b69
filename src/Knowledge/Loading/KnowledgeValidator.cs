using System.Text.RegularExpressions;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Loading;

/// <summary>Checks that need more than one file: ids, colliding phrasings, follow-ups, placeholders, translations.</summary>
internal static partial class KnowledgeValidator
{
    public static void Validate(IReadOnlyList<EntryFile> files, PolicyValues policy, List<Problem> problems)
    {
        var parsed = files.Where(f => f.Entry is not null).ToList();
        foreach (var file in parsed)
        {
            CheckFile(file, policy, problems);
        }

        foreach (var locale in parsed.GroupBy(f => f.Entry!.Locale))
        {
            CheckLocale(locale.ToList(), problems);
        }

        CheckTranslations(parsed, problems);
    }

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    internal static partial Regex Placeholder();

    private static void CheckFile(EntryFile file, PolicyValues policy, List<Problem> problems)
    {
        var entry = file.Entry!;
        var expectedId = Path.GetFileNameWithoutExtension(file.Path);
        if (entry.Id != expectedId)
        {
            problems.Add(new Problem(file.Path, EntryFileParser.LineOfText(file.Text, "id:"), Severity.Error,
                $"id '{entry.Id}' does not match the file name '{expectedId}.md'"));
        }

        var hasHan = entry.Question.Any(TextNormalizer.IsHan);
        if (entry.Locale == Locales.Chinese != hasHan)
        {
            problems.Add(new Problem(file.Path, EntryFileParser.LineOfText(file.Text, "question:"), Severity.Error,
                $"the question is not written in {entry.Locale}, the locale of its folder"));
        }

        foreach (Match match in Placeholder().Matches(file.Text))
        {
            var name = match.Groups[1].Value;
            var known = name.StartsWith("policy.", StringComparison.Ordinal) && policy.Contains(name["policy.".Length..]);
            if (!known)
            {
                problems.Add(new Problem(file.Path, EntryFileParser.LineOfText(file.Text, match.Value), Severity.Error,
                    $"unknown placeholder '{match.Value}': use {{{{policy.KEY}}}} with a key of {PolicyValues.FileName}"));
            }
        }

        MarkupLint.Check(file, problems);

        var seen = new HashSet<string>(StringComparer.Ordinal) { TextNormalizer.Fold(entry.Question) };
        foreach (var alternate in entry.Alternates)
        {
            if (!seen.Add(TextNormalizer.Fold(alternate)))
            {
                problems.Add(new Problem(file.Path, EntryFileParser.LineOfText(file.Text, alternate), Severity.Warning,
                    $"alternate '{alternate}' repeats this entry's question or another alternate"));
            }
        }
    }

    private static void CheckLocale(List<EntryFile> files, List<Problem> problems)
    {
        var byId = new Dictionary<string, EntryFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!byId.TryAdd(file.Entry!.Id, file))
            {
                problems.Add(new Problem(file.Path, EntryFileParser.LineOfText(file.Text, "id:"), Severity.Error,
                    $"duplicate id '{file.Entry.Id}' (also in {byId[file.Entry.Id].Path})"));
            }
        }

        var owners = new Dictionary<string, EntryFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var phrasing in file.Entry!.Phrasings.Distinct(StringComparer.Ordinal))
            {
                var key = TextNormalizer.Fold(phrasing);
                if (owners.TryGetValue(key, out var other) && other != file)
                {
                    problems.Add(new Problem(file.Path, EntryFileParser.LineOfText(file.Text, phrasing), Severity.Error,
                        $"'{phrasing}' is also a question or alternate of '{other.Entry!.Id}' ({other.Path}): a phrasing must lead to one entry"));
                }
                else
                {
                    owners[key] = file;
                }
            }
        }

        foreach (var file in files)
        {
            foreach (var followup in file.Entry!.Followups.Where(f => !byId.ContainsKey(f)))
            {
                problems.Add(new Problem(file.Path, EntryFileParser.LineOfText(file.Text, followup), Severity.Error,
                    $"follow-up '{followup}' is not an entry id in {file.Entry.Locale}"));
            }
        }
    }

    private static void CheckTranslations(List<EntryFile> files, List<Problem> problems)
    {
        var idsByLocale = Locales.All.ToDictionary(
            l => l, l => files.Where(f => f.Entry!.Locale == l).Select(f => f.Entry!.Id).ToHashSet(StringComparer.Ordinal));
        foreach (var file in files)
        {
            foreach (var other in Locales.All.Where(l => l != file.Entry!.Locale && !idsByLocale[l].Contains(file.Entry.Id)))
            {
                problems.Add(new Problem(file.Path, 1, Severity.Warning,
                    $"entry '{file.Entry!.Id}' has no {other} version (expected faq/{other}/{file.Entry.Id}.md)"));
            }
        }
    }
}
