using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Tests.Specs;

namespace ServiceBot.Knowledge.Tests;

public sealed class ContrastPairsTests
{
    private const string MoneyOrGoods = """
        money-or-goods:
          - words: [到账, 银行卡, money]
            entries: [money-arrival]
          - words: [到货, 包裹, parcel]
            entries: [goods-arrival]
        exceptions-or-rule:
          - words: [不支持, excluded]
            entries: [exceptions]
          - words: []
            entries: [rule]
        """;

    private static ContrastPairs Parse(string yaml, List<Problem>? problems = null) =>
        ContrastPairs.Parse("contrasts.yaml", yaml, problems ?? []);

    private static double Factor(ContrastPairs pairs, string id, string question) =>
        pairs.Factor(id, TextNormalizer.Fold(question), TextNormalizer.Fold(question));

    [Theory]
    [InlineData("退款还没到账怎么办", "goods-arrival", 0.5)]   // money words only: the goods side is argued against
    [InlineData("退款还没到账怎么办", "money-arrival", 1.0)]
    [InlineData("包裹一直没到货", "money-arrival", 0.5)]
    [InlineData("包裹没到货，钱能退到银行卡吗", "money-arrival", 1.0)] // both sides named: no judgement
    [InlineData("包裹没到货，钱能退到银行卡吗", "goods-arrival", 1.0)]
    [InlineData("多久能好", "goods-arrival", 1.0)]             // neither side
    [InlineData("where is my money", "goods-arrival", 0.5)]
    [InlineData("where is my parcel", "money-arrival", 0.5)]
    [InlineData("my parcels", "money-arrival", 1.0)]           // English words match whole
    [InlineData("哪些商品不支持七天无理由", "rule", 0.5)]        // a side without words is only ever lowered
    [InlineData("七天无理由怎么退", "exceptions", 1.0)]
    [InlineData("七天無理由不支持哪些", "rule", 0.5)]          // traditional input folds to the words
    [InlineData("退款还没到账怎么办", "unrelated", 1.0)]        // entries no contrast names are untouched
    public void Evidence_for_one_side_lowers_the_others(string question, string entry, double factor) =>
        Assert.Equal(factor, Factor(Parse(MoneyOrGoods), entry, question));

    [Fact]
    public void Words_match_after_the_synonyms_too()
    {
        var pairs = Parse(MoneyOrGoods);
        // "到帐" is the customer's spelling; the synonyms make it 到账 before the words are looked for.
        Assert.Equal(1.0, pairs.Factor("goods-arrival", "退款到帐了吗", "退款到帐了吗"));
        Assert.Equal(0.5, pairs.Factor("goods-arrival", "退款到帐了吗", "退款到账了吗"));
    }

    [Theory]
    [InlineData("pair:\n  - words: [a]\n    entries: [x]\n", 1, "needs a list of at least two sides")]
    [InlineData("pair:\n  - words: [a]\n    entries: [x]\n  - words: [b]\n", 4, "needs 'entries'")]
    [InlineData("pair:\n  - words: [a]\n    entries: [x]\n  - wrods: [b]\n    entries: [y]\n", 4, "unknown key 'wrods'")]
    [InlineData("pair:\n  - just a word\n  - words: [b]\n    entries: [y]\n", 2, "must be 'words: [...]' and 'entries: [...]'")]
    [InlineData("pair: [unclosed\n", 2, "invalid YAML")]
    public void A_malformed_contrast_is_reported_at_its_line_and_left_out(string yaml, int line, string message)
    {
        var problems = new List<Problem>();
        var pairs = Parse(yaml, problems);
        var problem = Assert.Single(problems);
        Assert.Equal(Severity.Error, problem.Severity);
        Assert.Equal(line, problem.Location.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, pairs.Count);
    }

    [Fact]
    public void Lint_reports_a_contrast_naming_an_unknown_entry()
    {
        using var folder = new TempFolder();
        MiniKnowledge.WriteTo(folder);
        folder.Write(ContrastPairs.FileName, "pair:\n  - words: [电话]\n    entries: [hotline]\n  - words: []\n    entries: [arival]\n");
        var problem = Assert.Single(KnowledgeLoader.Load(folder.Path).Problems, p => p.Severity == Severity.Error);
        Assert.Equal($"{Path.Combine(folder.Path, ContrastPairs.FileName)}:4: error: unknown entry 'arival'", problem.ToString());
    }

    [Fact]
    public void Search_halves_the_argued_against_entry_and_reorders_the_choices()
    {
        using var folder = new TempFolder();
        MiniKnowledge.WriteTo(folder);
        const string question = "打电话问退款多久到账";
        using var before = KnowledgeBase.Build(KnowledgeLoader.Load(folder.Path));
        folder.Write(ContrastPairs.FileName, "call-or-wait:\n  - words: [电话]\n    entries: [hotline]\n  - words: []\n    entries: [arrival]\n");
        var source = KnowledgeLoader.Load(folder.Path);
        Assert.False(source.HasErrors, string.Join('\n', source.Problems));
        using var after = KnowledgeBase.Build(source);

        var was = before.Search(question, "zh-CN");
        var now = after.Search(question, "zh-CN");
        Assert.Equal("arrival", was.Top!.Entry.Id);
        Assert.Equal(was.Hits.Single(h => h.Entry.Id == "arrival").Confidence * ContrastPairs.Penalty,
            now.Hits.Single(h => h.Entry.Id == "arrival").Confidence, 9);
        Assert.Equal(now.Hits.OrderByDescending(h => h.Confidence).Select(h => h.Entry.Id), now.Hits.Select(h => h.Entry.Id));
    }
}
