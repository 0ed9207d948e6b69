using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ServiceBot.Browser.Tests;

/// <summary>
/// The help-center page at "/" in headless chromium against the real host: what a customer sees and does, in both
/// languages and on a phone. Direct Line is the in-browser fake (see <see cref="FakeDirectLine"/>), so these tests
/// check the page, not the bot. Screenshots go to screenshots/ beside the test binaries.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed class HelpCenterPageTests(ChromiumFixture chromium, ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string SendBox = "[data-id='webchat-sendbox-input']";

    private string Root => service.Client.BaseAddress!.ToString();

    [Fact]
    public async Task Page_opens_in_Chinese_with_Web_Chat_topics_the_human_button_and_the_contact_footer()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        await FakeDirectLine.InstallAsync(session.Context);
        var page = session.Page;

        await page.GotoAsync(Root);
        await ExpectOnlineAsync(page);

        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("您好，有什么可以帮您？", await page.InnerTextAsync("h1"));
        Assert.Equal("帮助中心 - ServiceBot 商城", await page.TitleAsync());
        await Assertions.Expect(page.Locator(SendBox)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(SendBox)).ToHaveAttributeAsync("placeholder", "请输入您的问题");
        await Assertions.Expect(page.Locator(".topic")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator(".topic").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".topic").First).ToHaveTextAsync("怎么申请退款？");
        await Assertions.Expect(page.Locator(".action")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#human-button")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#human-button")).ToHaveTextAsync("转人工");
        await Assertions.Expect(page.Locator("#human-button")).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("#chat-welcome")).ToContainTextAsync("我是 ServiceBot 智能客服");
        // Upload on: customers send photos of a damaged item as evidence.
        await Assertions.Expect(page.Locator(".webchat__upload-button")).ToBeVisibleAsync();
        // The footer's values are the live policy values (knowledge/policy.yaml), not copies in the page.
        await Assertions.Expect(page.Locator("#hotline")).ToHaveTextAsync("400-820-6688");
        await Assertions.Expect(page.Locator("#hotline")).ToHaveAttributeAsync("href", "tel:4008206688");
        await Assertions.Expect(page.Locator("#hotline-hours")).ToHaveTextAsync("每天 9:00-21:00");
        await Assertions.Expect(page.Locator("#service-hours")).ToHaveTextAsync("每天 8:00-22:00");

        await session.ScreenshotAsync("desktop-zh");
        Assert.Empty(session.Errors);
        Assert.Empty(await session.CspViolationsAsync());
    }

    [Fact]
    public async Task Switching_to_English_changes_the_page_and_Web_Chat_and_is_remembered()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        await FakeDirectLine.InstallAsync(session.Context);
        var page = session.Page;
        await page.GotoAsync(Root);
        await ExpectOnlineAsync(page);

        await page.ClickAsync("button[data-lang='en']");

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hi, how can we help?");
        await Assertions.Expect(page.Locator("#human-button")).ToHaveTextAsync("Talk to a person");
        await Assertions.Expect(page.Locator(".topic").First).ToHaveTextAsync("How do I apply for a refund?");
        await Assertions.Expect(page.Locator(SendBox)).ToHaveAttributeAsync("placeholder", "Type your question");
        await Assertions.Expect(page.Locator("#service-hours")).ToHaveTextAsync("8:00-22:00 daily (Beijing time)");
        await Assertions.Expect(page.Locator("button[data-lang='en']")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal("Help Center - ServiceBot Mall", await page.TitleAsync());
        await session.ScreenshotAsync("desktop-en");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hi, how can we help?");
        Assert.Empty(session.Errors);
        Assert.Empty(await session.CspViolationsAsync());
    }

    [Fact]
    public async Task On_a_phone_the_topics_collapse_above_the_chat_and_nothing_scrolls_sideways()
    {
        await using var session = await PageSession.OpenAsync(chromium, PageSession.Phone);
        await FakeDirectLine.InstallAsync(session.Context);
        var page = session.Page;
        await page.GotoAsync(Root);
        await ExpectOnlineAsync(page);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 390 px");
        await Assertions.Expect(page.Locator("#topics-toggle")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".topic").First).ToBeHiddenAsync();
        var topics = (await page.Locator("#topics").BoundingBoxAsync())!;
        var chat = (await page.Locator("#chat").BoundingBoxAsync())!;
        Assert.True(topics.Y + topics.Height <= chat.Y, "the topics are not above the chat");
        Assert.True(chat.Width >= 350, $"the chat is only {chat.Width} px wide");
        await Assertions.Expect(page.Locator(SendBox)).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#human-button")).ToBeInViewportAsync();
        await session.ScreenshotAsync("phone-zh");

        await page.ClickAsync("#topics-toggle");
        await Assertions.Expect(page.Locator(".topic").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the open topics scroll sideways at 390 px");
        await session.ScreenshotAsync("phone-zh-topics");

        await page.ClickAsync("button[data-lang='en']");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the English page scrolls sideways at 390 px");
        await session.ScreenshotAsync("phone-en-topics");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_topic_goes_into_the_chat_and_the_answer_renders_as_Markdown_with_suggested_actions()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var directLine = await FakeDirectLine.InstallAsync(session.Context);
        directLine.Reply = _ =>
        [
            FakeDirectLine.BotMessage("退款原路退回，**微信/支付宝 1-3 个工作日**到账。\n\n- 余额：即时到账\n- 银行卡：3-7 个工作日", "退款还没到账", "转人工"),
        ];
        var page = session.Page;
        await page.GotoAsync(Root);
        await ExpectOnlineAsync(page);

        await page.ClickAsync(".topic >> nth=1");

        var posted = await directLine.NextMessageAsync();
        Assert.Equal("退款多久能到账？", (string?)posted["text"]);
        Assert.Equal("zh-CN", (string?)posted["locale"]);
        Assert.Equal("c-alice", (string?)posted["from"]?["id"]);
        var token = Assert.Single(directLine.TokenRequests);
        Assert.Equal("c-alice", (string?)token["user"]?["id"]);
        Assert.Equal("zh-CN", (string?)token["locale"]);

        await Assertions.Expect(Bubble(page, "退款多久能到账？")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".webchat__bubble strong", new() { HasText = "微信/支付宝 1-3 个工作日" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".webchat__bubble li", new() { HasText = "余额：即时到账" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chat-welcome")).ToBeHiddenAsync();
        var suggested = page.Locator(".webchat__suggested-action");
        await Assertions.Expect(suggested).ToHaveCountAsync(2);
        await session.ScreenshotAsync("chat-zh");

        await suggested.First.ClickAsync();
        Assert.Equal("退款还没到账", (string?)(await directLine.NextMessageAsync())["text"]);

        // A long conversation scrolls, and the newest message is the one in view.
        await directLine.SendAsync([.. Enumerable.Range(1, 12).Select(i => FakeDirectLine.BotMessage($"第 {i} 条通知：退款进度更新。"))]);
        await Assertions.Expect(Bubble(page, "第 12 条通知")).ToBeInViewportAsync();
        await Assertions.Expect(Bubble(page, "第 1 条通知")).Not.ToBeInViewportAsync();
        Assert.Empty(directLine.Unexpected);
        Assert.Empty(session.Errors);
        Assert.Empty(await session.CspViolationsAsync());
    }

    [Fact]
    public async Task The_human_button_asks_for_a_person_in_the_page_language_and_the_switch_changes_the_activity_locale()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var directLine = await FakeDirectLine.InstallAsync(session.Context);
        directLine.Reply = posted => [FakeDirectLine.BotMessage((string?)posted["locale"] == "zh-CN" ? "好的，正在为您转接人工客服。" : "Sure, connecting you to a person.")];
        var page = session.Page;
        await page.GotoAsync(Root);
        await ExpectOnlineAsync(page);

        await page.ClickAsync("#human-button");
        var zh = await directLine.NextMessageAsync();
        Assert.Equal("转人工", (string?)zh["text"]);
        Assert.Equal("zh-CN", (string?)zh["locale"]);
        await Assertions.Expect(Bubble(page, "好的，正在为您转接人工客服。")).ToHaveCountAsync(1);

        await page.ClickAsync("button[data-lang='en']");
        await page.ClickAsync("#human-button");
        var en = await directLine.NextMessageAsync();
        Assert.Equal("talk to a person", (string?)en["text"]);
        Assert.Equal("en-US", (string?)en["locale"]);

        // The conversation survived the switch: the Chinese turn is still in the transcript, in the same conversation.
        await Assertions.Expect(Bubble(page, "Sure, connecting you to a person.")).ToHaveCountAsync(1);
        await Assertions.Expect(Bubble(page, "好的，正在为您转接人工客服。")).ToHaveCountAsync(1);
        Assert.Single(directLine.TokenRequests);
        await session.ScreenshotAsync("chat-switched-to-en");
        Assert.Empty(directLine.Unexpected);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_page_is_served_with_a_strict_Content_Security_Policy_that_Web_Chat_renders_under()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        await FakeDirectLine.InstallAsync(session.Context);
        var page = session.Page;

        var response = (await page.GotoAsync(Root))!;
        await ExpectOnlineAsync(page);

        var csp = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);
        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.DoesNotContain("'unsafe-eval'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal("nosniff", await response.HeaderValueAsync("x-content-type-options"));

        // Rendered and styled under it: the send box is laid out by Web Chat's run-time styles, nothing was blocked.
        var sendBox = (await page.Locator(".webchat__send-box").BoundingBoxAsync())!;
        Assert.InRange(sendBox.Height, 40, 120);
        // react-scroll-to-bottom's run-time style is what makes the transcript scroll.
        Assert.Equal("auto", await page.EvalOnSelectorAsync<string>(".webchat__basic-transcript__scrollable", "e => getComputedStyle(e).overflowY"));
        Assert.Empty(await session.CspViolationsAsync());

        // Enforced: an inline script is refused, as are connections to other origins; the stream WebSocket to this
        // origin is allowed by 'self'.
        var verdicts = await page.EvaluateAsync<string[]>("""
            async () => {
              window.__cspViolations.length = 0;
              const script = document.createElement('script');
              script.textContent = 'window.__inlineRan = true';
              document.body.append(script);
              const style = document.createElement('style');
              style.textContent = 'body { display: none }';
              document.head.append(style);
              const hidden = getComputedStyle(document.body).display === 'none';
              style.remove();
              const same = new WebSocket(`ws://${location.host}/csp-probe`);
              try { new WebSocket('ws://127.0.0.2:1/csp-probe'); } catch { }
              await new Promise((resolve) => setTimeout(resolve, 300));
              same.close();
              return [String(window.__inlineRan === true || hidden), ...window.__cspViolations];
            }
            """);
        Assert.Equal("false", verdicts[0]);
        Assert.Contains(verdicts[1..], v => v.StartsWith("script-src-elem blocked inline", StringComparison.Ordinal));
        Assert.Contains(verdicts[1..], v => v.StartsWith("style-src-elem blocked inline", StringComparison.Ordinal));
        Assert.Contains(verdicts[1..], v => v.StartsWith("connect-src blocked ws://127.0.0.2:1", StringComparison.Ordinal));
        Assert.DoesNotContain(verdicts[1..], v => v.Contains("/csp-probe", StringComparison.Ordinal) && v.Contains(service.Client.BaseAddress!.Authority, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_page_strings_have_the_same_keys_in_both_languages()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        await FakeDirectLine.InstallAsync(session.Context);
        var page = session.Page;
        await page.GotoAsync(Root);

        var problems = await page.EvaluateAsync<string[]>("""
            async () => {
              const { STRINGS, LOCALES } = await import('./js/strings.js');
              const problems = [];
              const keys = (locale) => Object.keys(STRINGS[locale]).sort();
              const [zh, en] = LOCALES.map(keys);
              for (const key of zh.filter((k) => !en.includes(k))) problems.push(`en lacks ${key}`);
              for (const key of en.filter((k) => !zh.includes(k))) problems.push(`zh-CN lacks ${key}`);
              for (const locale of LOCALES) {
                for (const [key, value] of Object.entries(STRINGS[locale])) {
                  if (value === '' || value == null) problems.push(`${locale}.${key} is empty`);
                }
                if (STRINGS[locale].topics.length !== STRINGS.en.topics.length) problems.push(`${locale} has another number of topics`);
                if (STRINGS[locale].actions.length !== STRINGS.en.actions.length) problems.push(`${locale} has another number of actions`);
              }
              for (const element of document.querySelectorAll('[data-i18n]')) {
                if (!zh.includes(element.dataset.i18n)) problems.push(`no string ${element.dataset.i18n}`);
              }
              for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
                if (!zh.includes(element.dataset.i18nAriaLabel)) problems.push(`no string ${element.dataset.i18nAriaLabel}`);
              }
              return problems;
            }
            """);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task When_no_token_can_be_had_the_chat_says_so_and_tries_again_on_request()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var directLine = await FakeDirectLine.InstallAsync(session.Context);
        var failures = 1;
        await session.Context.RouteAsync("**/api/demo/token", async route =>
        {
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 503, ContentType = "application/problem+json", Body = "{}" });
            }
            else
            {
                await route.FallbackAsync();
            }
        });
        var page = session.Page;
        await page.GotoAsync(Root);

        await Assertions.Expect(page.Locator("#chat-notice-title")).ToHaveTextAsync("智能客服暂时无法连接");
        await Assertions.Expect(page.Locator("#chat-status")).ToHaveAttributeAsync("data-state", "unavailable");
        await Assertions.Expect(page.Locator("#human-button")).ToBeDisabledAsync();
        await session.ScreenshotAsync("unavailable-zh");

        await page.ClickAsync("#chat-retry");
        await ExpectOnlineAsync(page);
        await Assertions.Expect(page.Locator("#chat-notice")).ToBeHiddenAsync();
        Assert.Single(directLine.TokenRequests);
    }

    private static ILocator Bubble(IPage page, string text) =>
        page.Locator(".webchat__bubble__content", new() { HasText = text });

    private static async Task ExpectOnlineAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#chat-status")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator(SendBox)).ToBeVisibleAsync();
        // Web Chat's own "connecting" line stays for its notification debounce (400 ms) after it connected.
        await Assertions.Expect(page.Locator(".webchat__connectivityStatus")).ToBeHiddenAsync();
    }
}
