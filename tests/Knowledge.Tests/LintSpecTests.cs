using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Tests.Specs;

namespace ServiceBot.Knowledge.Tests;

/// <summary>Runs every example of Specs/lint.spec.md through the loader.</summary>
public sealed class LintSpecTests
{
    public static TheoryData<SpecExample> Examples()
    {
        var data = new TheoryData<SpecExample>();
        foreach (var example in SpecFile.Read("lint.spec.md"))
        {
            data.Add(example);
        }

        return data;
    }

    [Fact]
    public void The_spec_has_examples_with_expectations()
    {
        var examples = SpecFile.Read("lint.spec.md");
        Assert.True(examples.Count >= 12, $"only {examples.Count} examples");
        Assert.All(examples, e => Assert.True(e.Expected.ContainsKey("problems"), $"{e.Name} has no problems block"));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Loading_produces_the_expected_problems_and_entries(SpecExample example)
    {
        using var folder = new TempFolder();
        if (!example.Files.ContainsKey("policy.yaml"))
        {
            folder.Write("policy.yaml", "days: 7\n");
        }

        foreach (var (path, text) in example.Files)
        {
            folder.Write(path, text);
        }

        var source = KnowledgeLoader.Load(folder.Path);

        var actual = source.Problems.Select(p => p.ToString().Replace(folder.Path + "/", "", StringComparison.Ordinal)).ToList();
        var expected = Lines(example.Expected["problems"]);
        Assert.True(expected.Count == actual.Count,
            $"expected {expected.Count} problem(s), got {actual.Count}:\n{string.Join('\n', actual)}");
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i].EndsWith("...", StringComparison.Ordinal))
            {
                Assert.StartsWith(expected[i][..^3], actual[i], StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(expected[i], actual[i]);
            }
        }

        if (example.Expected.TryGetValue("entries", out var entries))
        {
            var loaded = source.Entries
                .OrderBy(e => e.Locale, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)
                .Select(e => $"{e.Locale}/{e.Id} | {e.Question} | {string.Join("; ", e.Alternates)} | {string.Join("; ", e.Tags)} | {string.Join("; ", e.Followups)}")
                .ToList();
            Assert.Equal(Lines(entries), loaded);
        }
    }

    private static List<string> Lines(string block) =>
        block.Split('\n').Where(l => l.Length > 0).ToList();
}
