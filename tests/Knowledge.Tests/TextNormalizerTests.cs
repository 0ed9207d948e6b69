using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Search;
using ServiceBot.Knowledge.Text;

namespace ServiceBot.Knowledge.Tests;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("ＡＢＣ１２３", "abc123")]                 // full-width → half-width, lower case
    [InlineData("退款多久能到賬？", "退款多久能到账?")]      // traditional → simplified, full-width ？
    [InlineData("商家拒絕退款怎麼辦", "商家拒绝退款怎么办")]
    [InlineData("  多个   空格\t\n ", "多个 空格")]
    [InlineData("控制\u0000字符\u001b", "控制 字符")]
    [InlineData("lone\ud800surrogate", "lone surrogate")]
    [InlineData("emoji😀here", "emoji here")]
    [InlineData("zero\u200bwidth", "zero width")]
    public void Folds_text_to_one_comparable_form(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Fold(input));

    [Fact]
    public void Homophones_share_a_sound_key()
    {
        Assert.Equal(TextNormalizer.SoundKey("退款"), TextNormalizer.SoundKey("退宽"));
        Assert.Equal(TextNormalizer.SoundKey("到账"), TextNormalizer.SoundKey("到帐"));
        Assert.NotEqual(TextNormalizer.SoundKey("退款"), TextNormalizer.SoundKey("退货"));
    }

    [Fact]
    public void Synonyms_rewrite_variants_latin_ones_only_as_whole_words()
    {
        var table = SynonymTable.Parse("zh-CN.txt", "退款 = 退钱, refund\n订单 = order\n", new List<Problem>());
        Assert.Equal("我要退款", table.Apply("我要退钱"));
        Assert.Equal("我的订单退款", table.Apply("我的order退钱"));
        Assert.Equal("reorder", table.Apply("reorder"));
        Assert.Equal("退款 退款", table.Apply("refund refund"));
    }

    [Theory]
    [InlineData("退款", Locales.Chinese)]
    [InlineData("refund 退款", Locales.Chinese)]
    [InlineData("refund please", Locales.English)]
    [InlineData("😀", Locales.Chinese)]
    public void Detects_language(string text, string locale) => Assert.Equal(locale, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("refnd", "refund")]
    [InlineData("recieve", "receive")]
    [InlineData("sellr", "seller")]
    public void Corrects_one_slip_in_a_known_word(string typo, string expected) =>
        Assert.Equal(expected, new SpellingCorrector(["refund", "receive", "seller", "return"]).Correct(typo));

    [Fact]
    public void Does_not_correct_short_or_far_words()
    {
        var corrector = new SpellingCorrector(["refund", "seller"]);
        Assert.Null(corrector.Correct("ref"));
        Assert.Null(corrector.Correct("banana"));
    }
}
