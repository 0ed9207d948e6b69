using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Markdig;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Rendering;
using ServiceBot.Knowledge.Tests.Specs;

namespace ServiceBot.Knowledge.Tests;

public sealed class RenderingTests
{
    private static readonly AnswerRenderer Renderer = new(PolicyValues.Parse("policy.yaml",
        "days: 7\nhotline: 400-820-6688\nhours: {zh-CN: 每天 9:00-21:00, en: 9:00-21:00 daily}\n", new List<Problem>()));

    public static TheoryData<SpecExample> Examples()
    {
        var data = new TheoryData<SpecExample>();
        foreach (var example in SpecFile.Read("render.spec.md"))
        {
            data.Add(example);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Renders_as_the_spec_says(SpecExample example)
    {
        var locale = example.Expected.TryGetValue("locale", out var l) ? l.Trim() : Locales.Chinese;
        var rendered = Renderer.Render(example.Expected["markdown"], locale);

        Assert.Equal(example.Expected["html"].Trim(), rendered.Html);
        if (example.Expected.TryGetValue("text", out var text))
        {
            Assert.Equal(text.Trim(), rendered.Text);
        }

        if (example.Expected.TryGetValue("safe", out var safe))
        {
            Assert.Equal(safe.Trim('\n'), rendered.Markdown.Trim('\n'));
        }
    }

    public static TheoryData<string> XssPayloads() => new()
    {
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<<script>script>alert(1)<</script>/script>",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "[x](vbscript:msgbox(1))",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "<object data=\"javascript:alert(1)\"></object>",
        "`<script>alert(1)</script>` and **<b onclick=alert(1)>bold</b>**",
        "[x](javascript&#58;alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](javascript:alert(1) \"title\")",
        "<javascript:alert(1)>",
        "[x][evil]\n\n[evil]: javascript:alert(1)\n\n",
        "[[x](javascript:alert(1))](javascript:alert(2))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<!-- x --><img src=x onerror=alert(1)>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
    };

    /// <summary>Markdown that a client renders itself, by Markdig with raw HTML allowed (the most permissive reading).</summary>
    private static readonly MarkdownPipeline PermissiveClient = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void Xss_payloads_come_out_inert(string payload)
    {
        var html = Renderer.Render("前文 " + payload + " 后文", Locales.Chinese).Html;

        AssertInert(html);
        Assert.Contains("前文", html, StringComparison.Ordinal);
        Assert.Contains("后文", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void Markdown_form_of_xss_payloads_is_inert_even_with_raw_html_allowed(string payload)
    {
        var markdown = Renderer.Render("前文 " + payload + " 后文", Locales.Chinese).Markdown;

        AssertInert(Markdown.ToHtml(markdown, PermissiveClient));
        Assert.Contains("前文", markdown, StringComparison.Ordinal);
        Assert.Contains("后文", markdown, StringComparison.Ordinal);
    }

    /// <summary>No active element, event handler or style, and every URL attribute is http(s), mailto, tel or local.</summary>
    private static void AssertInert(string html)
    {
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");

        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, form, style, svg, math, base, meta, link"));
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase),
                    $"event handler {attribute.Name} survived in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src" or "action" or "data" or "formaction")
                {
                    Assert.Matches("^(https?:|mailto:|tel:|#|/)", attribute.Value.Trim());
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void Text_form_of_xss_payloads_has_no_tags_or_script_links(string payload)
    {
        var text = Renderer.Render("前文 " + payload + " 后文", Locales.Chinese).Text;

        // A code span is text by definition: the plain-text form shows it literally. Check it is there, then look
        // at the rest, which must hold nothing an HTML parser would take for a tag.
        var rest = text;
        foreach (Match code in Regex.Matches(payload, "`([^`]+)`"))
        {
            Assert.Contains(code.Groups[1].Value, rest, StringComparison.Ordinal);
            rest = rest.Replace(code.Groups[1].Value, "", StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"<\s*/?\s*[A-Za-z!?]", rest);
        Assert.DoesNotContain("javascript:", Regex.Replace(rest, @"[\s\p{Cc}]", ""), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("前文", text, StringComparison.Ordinal);
        Assert.Contains("后文", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_markdown_survives_unchanged_in_the_markdown_form()
    {
        const string markdown = """
            ## 退款须知

            1. 打开 **我的订单**，点 *申请退款*
            2. 金额<100 元的订单自动审核，~~人工~~不需要等待
            - 详见 [帮助中心](https://help.example.com/refund "帮助") 或 <https://help.example.com>
            - 也可以写信到 <service@example.com>、[发邮件](mailto:service@example.com)、[打电话](tel:400-820-6688)
            - 站内链接 [退款规则](/help/refund#rules)、[上文](#top)、www.example.com

            | 情况 | 时效 |
            | --- | --- |
            | 原路退回 | 1-7 天 |

            代码 `refund --id 42` 与 \*星号\* 原样保留。
            """;

        var rendered = Renderer.Render(markdown, Locales.Chinese);

        Assert.Equal(markdown, rendered.Markdown);
        Assert.Contains("<table>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://help.example.com/refund\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:service@example.com\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("金额<100", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("refund --id 42", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_blocks_are_dropped_from_every_form_and_the_text_around_them_kept()
    {
        var rendered = Renderer.Render("前文\n\n<div onclick=\"alert(1)\">\n整块 HTML\n</div>\n\n<script>\nalert(1)\n</script>\n\n后文", Locales.Chinese);

        foreach (var form in new[] { rendered.Markdown, rendered.Html, rendered.Text })
        {
            Assert.DoesNotContain("<div", form, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", form, StringComparison.Ordinal);
            Assert.DoesNotContain("alert", form, StringComparison.Ordinal);
            Assert.Contains("前文", form, StringComparison.Ordinal);
            Assert.Contains("后文", form, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_disallowed_link_keeps_its_label_as_plain_text()
    {
        var rendered = Renderer.Render("请 [点 *这里* [1]](javascript:alert(1)) 继续", Locales.Chinese);

        Assert.Equal("请 点 这里 \\[1\\] 继续", rendered.Markdown);
        Assert.Equal("<p>请 点 这里 [1] 继续</p>", rendered.Html);
        Assert.Equal("请 点 这里 [1] 继续", rendered.Text);
    }

    [Fact]
    public void Deeply_nested_tricks_end_as_inert_text()
    {
        // Each rewrite can expose a new link made of the text around the old one; after a few rounds the renderer
        // stops trusting the structure and escapes everything.
        var nested = string.Concat(Enumerable.Repeat("[", 20)) + "x" + string.Concat(Enumerable.Range(0, 20).Select(i => $"](javascript:alert({i}))"));
        var rendered = Renderer.Render(nested + " <<<<script>script>script>script>alert(1)", Locales.Chinese);

        var html = Markdown.ToHtml(rendered.Markdown, PermissiveClient);
        Assert.DoesNotContain("href", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<\s*/?\s*[A-Za-z]", rendered.Text);
    }
}
