using ServiceBot.Knowledge.Search;

namespace ServiceBot.Knowledge.Evaluation;

/// <summary>Runs an evaluation set through a knowledge base, as <c>kb eval</c> and the quality test do.</summary>
public static class KnowledgeEvaluator
{
    public static EvalReport Evaluate(KnowledgeBase knowledge, IReadOnlyList<EvalCase> cases, string? locale = null)
    {
        int inScope = 0, outOfScope = 0, top1 = 0, top3 = 0, answered = 0, declined = 0, declinedOutOfScope = 0;
        var misses = new List<EvalMiss>();
        var samples = new List<(CandidateFeatures, bool)>();
        foreach (var item in cases)
        {
            var result = knowledge.Search(item.Question, locale, top: 3);
            var top = result.Top;
            var isDeclined = result.Outcome != SearchOutcome.Answer;
            declined += isDeclined ? 1 : 0;

            var correct = item.InScope && top?.Entry.Id == item.Expect;
            samples.Add((top?.Features ?? default, correct));

            if (item.InScope)
            {
                inScope++;
                top1 += correct ? 1 : 0;
                top3 += result.Hits.Any(h => h.Entry.Id == item.Expect) ? 1 : 0;
                answered += correct && !isDeclined ? 1 : 0;
                if (!correct)
                {
                    misses.Add(new EvalMiss(item, top?.Entry.Id, result.Outcome, top?.Confidence ?? 0));
                }
            }
            else
            {
                outOfScope++;
                declinedOutOfScope += isDeclined ? 1 : 0;
                if (!isDeclined)
                {
                    misses.Add(new EvalMiss(item, top?.Entry.Id, result.Outcome, top?.Confidence ?? 0));
                }
            }
        }

        return new EvalReport(inScope, outOfScope, top1, top3, answered, declined, declinedOutOfScope, misses, samples);
    }
}
