using ServiceBot.Knowledge.Search;

namespace ServiceBot.Knowledge.Evaluation;

/// <summary>
/// What the customer would have seen for one question, judged as a help center would: an answer with a right entry,
/// a "did you mean" whose choices hold one (right within one click), or, worst, a wrong answer given with confidence.
/// </summary>
public sealed record EvalResult(EvalCase Case, SearchResult Result)
{
    /// <summary>The language the question was searched in (the line's own, else the detected one).</summary>
    public string Language => Case.Lang ?? (Result.Locale.StartsWith("en", StringComparison.Ordinal) ? "en" : "zh");

    public bool AnsweredRight => Result.Outcome == SearchOutcome.Answer && Case.IsRight(Result.Top?.Entry.Id);

    /// <summary>Answered right, or asked to clarify with a right entry among the choices shown.</summary>
    public bool WithinOneClick => AnsweredRight || (Result.Outcome == SearchOutcome.Clarify && Result.Hits.Any(h => Case.IsRight(h.Entry.Id)));

    /// <summary>Answered with a wrong entry, or answered a question the knowledge base has no answer for.</summary>
    public bool ConfidentlyWrong => Result.Outcome == SearchOutcome.Answer && !Case.IsRight(Result.Top?.Entry.Id);

    public bool Declined => Result.Outcome != SearchOutcome.Answer;
}

/// <summary>The four figures over a group of lines (a language, a style, or all of them).</summary>
public sealed record EvalTally(string Group, int Lines, int InScope, int AnsweredRight, int WithinOneClick, int ConfidentlyWrong, int OutOfScope, int DeclinedOutOfScope)
{
    public double AnsweredRightRate => Ratio(AnsweredRight, InScope);

    public double WithinOneClickRate => Ratio(WithinOneClick, InScope);

    /// <summary>Of all lines, in scope or not: a wrong answer is as bad for either.</summary>
    public double ConfidentlyWrongRate => Ratio(ConfidentlyWrong, Lines);

    public double DeclinedRate => Ratio(DeclinedOutOfScope, OutOfScope);

    public static EvalTally Of(string group, IEnumerable<EvalResult> results)
    {
        int lines = 0, inScope = 0, right = 0, oneClick = 0, wrong = 0, outOfScope = 0, declined = 0;
        foreach (var r in results)
        {
            lines++;
            wrong += r.ConfidentlyWrong ? 1 : 0;
            if (r.Case.InScope)
            {
                inScope++;
                right += r.AnsweredRight ? 1 : 0;
                oneClick += r.WithinOneClick ? 1 : 0;
            }
            else
            {
                outOfScope++;
                declined += r.Declined ? 1 : 0;
            }
        }

        return new EvalTally(group, lines, inScope, right, oneClick, wrong, outOfScope, declined);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
