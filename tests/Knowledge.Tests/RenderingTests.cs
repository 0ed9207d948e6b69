using AngleSharp.Html.Parser;
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
    };

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void Xss_payloads_come_out_inert(string payload)
    {
        var html = Renderer.Render("前文 " + payload + " 后文", Locales.Chinese).Html;
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");

        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, form, style, svg, math, base, meta, link"));
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase),
                    $"event handler {attribute.Name} survived in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src" or "action" or "data")
                {
                    Assert.Matches("^(https?:|mailto:|tel:|#|/)", attribute.Value.Trim());
                }
            }
        }

        Assert.Contains("前文", html, StringComparison.Ordinal);
        Assert.Contains("后文", html, StringComparison.Ordinal);
    }
}
