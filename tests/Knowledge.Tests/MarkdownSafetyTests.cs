using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ServiceBot.Knowledge.Rendering;

namespace ServiceBot.Knowledge.Tests;

/// <summary>The pieces under rendering and lint: which link targets pass, escaping, and the rewrite's last resort.</summary>
public sealed class MarkdownSafetyTests
{
    [Theory]
    [InlineData("https://help.example.com/refund", null)]
    [InlineData("HTTP://help.example.com", null)]
    [InlineData("mailto:service@example.com", null)]
    [InlineData("tel:400-820-6688", null)]
    [InlineData("/help/refund", null)]
    [InlineData("#top", null)]
    [InlineData("faq/refund.md?from=a:b", null)]
    [InlineData("", null)]
    [InlineData("javascript:alert(1)", "javascript")]
    [InlineData(" JaVa\tScRiPt:alert(1)", "javascript")]
    [InlineData("java\u0000script:alert(1)", "javascript")]
    [InlineData("java\u200bscript:alert(1)", "javascript")]
    [InlineData("data:text/html,x", "data")]
    [InlineData("vbscript:msgbox(1)", "vbscript")]
    [InlineData("ftp://files.example.com", "ftp")]
    [InlineData("java%09script:alert(1)", "java%09script")]
    public void Link_targets_are_judged_as_a_browser_reads_their_scheme(string url, string? refused) =>
        Assert.Equal(refused, LinkSchemes.Disallowed(url));

    [Theory]
    [InlineData("退款 <b>多久</b>", "退款 \\<b\\>多久\\</b\\>")]
    [InlineData("[x](javascript:1) & `c` \\", "\\[x\\](javascript:1) \\& \\`c\\` \\\\")]
    [InlineData("1. 不是列表\n- 也不是\n  12) 还不是", "1\\. 不是列表\n\\- 也不是\n  12\\) 还不是")]
    [InlineData("退款 1-2 天到账，A.B 两种。", "退款 1-2 天到账，A.B 两种。")]
    public void Escape_marks_only_what_markdown_would_read(string text, string escaped) =>
        Assert.Equal(escaped, MarkdownText.Escape(text));

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("**粗** _斜_ `代码` ~~删~~ ==标== ++插++ ^上^")]
    [InlineData("[x](javascript:1) ![y](z.png) <https://x.example>")]
    [InlineData("# 标题")]
    [InlineData("- 项目")]
    [InlineData("12. 项目")]
    [InlineData("> 引用")]
    [InlineData("| a | b |")]
    [InlineData("&lt;b&gt; &amp; a\\b")]
    public void Escaped_text_reads_as_itself(string text)
    {
        var document = Markdown.Parse(MarkdownText.Escape(text), AnswerPipelines.Inspect);

        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(document));
        Assert.All(paragraph.Inline!, inline => Assert.IsType<LiteralInline>(inline));
        Assert.Equal(text, string.Concat(paragraph.Inline!.Cast<LiteralInline>().Select(l => l.Content.ToString())));
    }

    [Fact]
    public void Rewriting_that_keeps_exposing_markup_ends_in_escaped_text()
    {
        var nested = string.Concat(Enumerable.Repeat("[", 20)) + "x" + string.Concat(Enumerable.Repeat("](javascript:alert(1))", 20));

        var safe = MarkdownSafety.MakeSafe(nested);

        Assert.Empty(MarkdownSafety.Find(safe));
        Assert.StartsWith("\\[\\[", safe, StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_markdown_is_returned_as_it_is()
    {
        const string markdown = "金额<100 的订单 [帮助](https://help.example.com) `<b>`";
        Assert.Same(markdown, MarkdownSafety.MakeSafe(markdown));
    }

    [Theory]
    [InlineData("| `x | <img src=x onerror=alert(1)> ` | y |")]
    [InlineData("| `x | [c](javascript:alert(1)) ` | y |")]
    [InlineData("| a `b | <script>alert(1)</script> | c` |")]
    public void Table_cells_are_safe_also_as_gfm_readers_split_them(string row)
    {
        var markdown = "| a | b |\n|---|---|\n" + row + "\n";

        var safe = MarkdownSafety.MakeSafe(markdown);

        // As markdown-it, marked or GitHub read the row: split on unescaped pipes first, then each cell alone.
        foreach (var cell in safe.Split('\n')[2].Split('|'))
        {
            Assert.Empty(MarkdownSafety.Find(cell));
            Assert.DoesNotContain("<img", cell, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script", cell, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", cell, StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotEmpty(MarkdownSafety.Find(markdown)); // and lint sees it
        Assert.Contains("| a | b |", safe, StringComparison.Ordinal); // the table itself stays
    }
}
