using System.Text;
using ServiceBot.Bot.Resources;
using ServiceBot.Knowledge;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Bot.Answers;

/// <summary>A suggested next question: an entry id and its question in the customer's language.</summary>
public sealed record Suggestion(string Id, string Question);

/// <summary>
/// What the bot says for a knowledge search: the answer (with follow-ups offered), a "did you mean" list,
/// or an honest fallback that offers rephrasing and a human. Text is Markdown, plus a plain-text form.
/// </summary>
public sealed record KnowledgeReply(SearchResult Result, string Markdown, string Text, IReadOnlyList<Suggestion> Suggestions)
{
    public static KnowledgeReply From(SearchResult result, KnowledgeBase knowledge)
    {
        var locale = result.Locale;
        switch (result.Outcome)
        {
            case SearchOutcome.Answer:
            {
                var top = result.Top!;
                var followups = top.Entry.Followups
                    .Select(id => knowledge.Find(id, locale))
                    .Where(e => e is not null)
                    .Select(e => new Suggestion(e!.Id, e.Question))
                    .ToList();
                return new KnowledgeReply(result, top.Answer.Markdown, top.Answer.Text, followups);
            }

            case SearchOutcome.Clarify:
            {
                var choices = ClarifyChoices(result).Select(h => new Suggestion(h.Entry.Id, h.Entry.Question)).ToList();
                var text = new StringBuilder(BotText.ClarifyIntro(locale)).Append('\n');
                for (var i = 0; i < choices.Count; i++)
                {
                    text.Append(i + 1).Append(". ").Append(choices[i].Question).Append('\n');
                }

                text.Append(BotText.ClarifyOutro(locale));
                var rendered = text.ToString();
                return new KnowledgeReply(result, rendered, rendered, choices);
            }

            default:
            {
                var text = BotText.Fallback(locale);
                return new KnowledgeReply(result, text, text, []);
            }
        }
    }

    /// <summary>The candidates worth offering: the top one and any close to it (at most three).</summary>
    private static IEnumerable<SearchHit> ClarifyChoices(SearchResult result)
    {
        var top = result.Top!;
        return result.Hits.Take(3).Where(h => h == top || h.Score >= top.Score * 0.75);
    }
}
