using Markdig;
using ServiceBot.Bot.Answers;
using ServiceBot.Knowledge;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Bot.Tests.Answers;

/// <summary>Replies built from a knowledge folder the test writes itself (no Redis, no web host).</summary>
public sealed class KnowledgeReplyTests
{
    private const string Question = "Refund <img src=x onerror=alert(1)> [now](javascript:alert(1)) *fast* _or_ `code` & \\ &amp; ~~x~~?";

    [Fact]
    public void Clarify_list_shows_questions_as_text_even_to_a_client_that_allows_raw_html()
    {
        var folder = Directory.CreateTempSubdirectory("servicebot-reply-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "policy.yaml"), "days: 7\n");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "faq", "en"));
            var yamlQuestion = Question.Replace("\\", "\\\\", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder.FullName, "faq", "en", "odd.md"), $"---\nid: odd\nquestion: \"{yamlQuestion}\"\n---\nBody.\n");
            using var knowledge = KnowledgeBase.Build(KnowledgeLoader.Load(folder.FullName), new SearchThresholds(Answer: 2, Clarify: 0));

            var reply = KnowledgeReply.From(knowledge.Search("refund", "en"), knowledge);

            Assert.Equal(SearchOutcome.Clarify, reply.Result.Outcome);
            var html = Markdown.ToHtml(reply.Markdown); // Markdig's defaults let raw HTML through
            Assert.Contains(
                "<li>Refund &lt;img src=x onerror=alert(1)&gt; [now](javascript:alert(1)) *fast* _or_ `code` &amp; \\ &amp;amp; ~~x~~?\n",
                html,
                StringComparison.Ordinal);
            Assert.Contains("1. " + Question + "\n", reply.Text, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
