using ServiceBot.Knowledge.Evaluation;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Tests;

/// <summary>
/// Answer quality on the development set (tests/Knowledge.Tests/DevSet/dev.jsonl), written from the catalog of
/// topics without reading the entries' alternates. Thresholds are the acceptance targets.
/// </summary>
[Collection(RepositoryKnowledgeGroup.Name)]
public sealed class DevSetTests(RepositoryKnowledge knowledge)
{
    private readonly IReadOnlyList<EvalCase> _cases = EvalCase.ReadFile(RepositoryKnowledge.DevSetPath);

    [Fact]
    public void The_dev_set_is_large_and_varied_enough()
    {
        Assert.True(_cases.Count >= 250, $"{_cases.Count} questions");
        Assert.True(_cases.Count(c => !c.InScope) >= 50, "out-of-scope questions");
        foreach (var kind in new[] { "colloquial", "typo", "traditional", "mixed", "english" })
        {
            Assert.True(_cases.Count(c => c.Kind == kind) >= 15, $"too few '{kind}' questions");
        }

        Assert.Equal(_cases.Count, _cases.Select(c => c.Question).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_expected_id_is_an_entry_and_every_entry_is_asked_about()
    {
        var ids = knowledge.Source.Entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(_cases.Where(c => c.InScope), c => Assert.Contains(c.Expect, ids));
        Assert.All(ids, id => Assert.Contains(_cases, c => c.Expect == id));
    }

    [Theory]
    [InlineData("dev.jsonl")]
    [InlineData("holdout.jsonl")]
    [InlineData("holdout-2.jsonl")]
    public void No_evaluation_question_appears_verbatim_as_a_question_or_alternate(string file)
    {
        var phrasings = knowledge.Source.Entries
            .SelectMany(e => e.Phrasings)
            .Select(p => p.Trim())
            .ToHashSet(StringComparer.Ordinal);
        var copied = EvalCase.ReadFile(Path.Combine(Path.GetDirectoryName(RepositoryKnowledge.DevSetPath)!, file))
            .Where(c => phrasings.Contains(c.Question.Trim()))
            .Select(c => c.Question)
            .ToList();
        Assert.True(copied.Count == 0, $"{file} questions copied into entries: " + string.Join(" | ", copied));
    }

    [Fact]
    public void Top1_in_scope_is_at_least_92_percent_and_90_percent_of_out_of_scope_are_declined()
    {
        var report = KnowledgeEvaluator.Evaluate(knowledge.Base, _cases);
        var misses = string.Join('\n', report.Misses.Select(m => $"{m.Case.Question} → {m.TopId} ({m.Outcome}, {m.Confidence:0.00}; expected {m.Case.Expect})"));
        Assert.True(report.Top1Rate >= 0.92, $"top-1 {report.Top1Rate:P1}\n{misses}");
        Assert.True(report.RejectRate >= 0.90, $"declined {report.RejectRate:P1} of out-of-scope\n{misses}");
    }

    [Fact]
    public void Confidence_is_calibrated_answers_are_right_more_often_than_clarifications()
    {
        var results = _cases.Where(c => c.InScope)
            .Select(c => (Case: c, Result: knowledge.Base.Search(c.Question)))
            .ToList();
        var answered = results.Where(r => r.Result.Outcome == Search.SearchOutcome.Answer).ToList();
        var accuracy = answered.Count(r => r.Result.Top!.Entry.Id == r.Case.Expect) / (double)answered.Count;
        Assert.True(accuracy >= 0.9, $"only {accuracy:P1} of answers are right");
        Assert.All(results, r => Assert.InRange(r.Result.Top?.Confidence ?? 0, 0, 1));
        Assert.True(answered.Count >= results.Count * 0.7, $"only {answered.Count} of {results.Count} in-scope questions answered");
    }
}
