using System.Text;
using ServiceBot.Bot.Resources;
using ServiceBot.Knowledge;
using ServiceBot.Knowledge.Rendering;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Bot.Answers;

/// <summary>A suggested next question: an entry id and its question in the customer's language.</summary>
public sealed record Suggestion(string Id, string Question);

/// <summary>
/// What the bot says for a knowledge search: the answer (with follow-ups offered), a "did you mean" list,
/// or an honest fallback that offers rephrasing and a human. Markdown for channels, and a plain-text form to show as text.
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

                // Questions are plain text written by editors: escaped in the Markdown so none can add markup.
                return new KnowledgeReply(
                    result,
                    ClarifyList(locale, choices, q => MarkdownText.Escape(OneLine(q))),
                    ClarifyList(locale, choices, OneLine),
                    choices);
            }

            default:
            {
                var text = BotText.Fallback(locale);
                return new KnowledgeReply(result, text, text, []);
            }
        }
    }

    private static string ClarifyList(string locale, List<Suggestion> choices, Func<string, string> question)
    {
        var text = new StringBuilder(BotText.ClarifyIntro(locale)).Append('\n');
        for (var i = 0; i < choices.Count; i++)
        {
            text.Append(i + 1).Append(". ").Append(question(choices[i].Question)).Append('\n');
        }

        return text.Append(BotText.ClarifyOutro(locale)).ToString();
    }

    /// <summary>A question as one list item: a line break inside it would end the item.</summary>
    private static string OneLine(string question) => question.ReplaceLineEndings(" ").Trim();

    /// <summary>The candidates worth offering: the top one and any close to it (at most three).</summary>
    private static IEnumerable<SearchHit> ClarifyChoices(SearchResult result)
    {
        var top = result.Top!;
        return result.Hits.Take(3).Where(h => h == top || h.Score >= top.Score * 0.75);
    }
}
