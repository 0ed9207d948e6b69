using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Knowledge.Tests;

/// <summary>Odd input never throws; it gets a clean result or an honest fallback.</summary>
[Collection(RepositoryKnowledgeGroup.Name)]
public sealed class SearchRobustnessTests(RepositoryKnowledge knowledge)
{
    public static TheoryData<string> BadInputs() => new()
    {
        "",
        "   \t\r\n  ",
        new string('退', 100_000),
        string.Concat(Enumerable.Repeat("退款多久到账 refund ", 6000)),
        "\0\u0001\u0002\u001b[31m\u007f",
        "\ud800 lone high \udc00 lone low \ud83d",
        "😀😂🤣👍🏻❤️‍🔥",
        "AND OR NOT ( ) * ~ \" \\ : ^ [ ] { } + - ! && || /",
        "退款 AND (到账 OR \"多久\")~2 title:* \\",
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        "'; DROP TABLE refunds; --",
        "\u202e\u200b\u200d\ufeff",
        "ＲＥＦＵＮＤ　退款",
        "?",
        "a",
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Odd_input_returns_a_result_without_throwing(string input)
    {
        var result = knowledge.Base.Search(input);

        Assert.NotNull(result);
        Assert.Contains(result.Locale, Locales.All);
        Assert.All(result.Hits, h => Assert.InRange(h.Confidence, 0, 1));
        Assert.Equal(result.Hits.Count == 0, result.Outcome == SearchOutcome.Fallback && result.Top is null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😀😂")]
    [InlineData("\0\u0001")]
    [InlineData("AND OR ( * ~ \" \\")]
    [InlineData("asdfghjkl qwerty")]
    public void Meaningless_input_falls_back(string input) =>
        Assert.Equal(SearchOutcome.Fallback, knowledge.Base.Search(input).Outcome);

    [Theory]
    [InlineData("开发票去哪里弄")]
    [InlineData("how can I open a shop and sell my stuff here")]
    [InlineData("今天天气怎么样")]
    [InlineData("啊啊啊啊啊")]
    [InlineData("hi how are you")]
    [InlineData("给我讲个笑话")]
    public void Unrelated_questions_are_not_answered(string question) =>
        Assert.NotEqual(SearchOutcome.Answer, knowledge.Base.Search(question).Outcome);

    [Fact]
    public void Searching_in_parallel_is_safe()
    {
        var questions = new[] { "退款多久到账", "how do i return an item", "商家拒绝退款怎么办", "客服电话" };
        var expected = questions.Select(q => knowledge.Base.Search(q).Top?.Entry.Id).ToArray();
        Parallel.For(0, 400, i =>
        {
            var q = i % questions.Length;
            Assert.Equal(expected[q], knowledge.Base.Search(questions[q]).Top?.Entry.Id);
        });
    }
}
