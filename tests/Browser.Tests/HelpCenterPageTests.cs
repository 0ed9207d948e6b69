using Microsoft.Playwright;
using static ServiceBot.Browser.Tests.WebChat;

namespace ServiceBot.Browser.Tests;

/// <summary>
/// The help-center page at "/" in headless chromium against the real host and its real Direct Line server: how the
/// page looks and behaves, in both languages and on a phone (the conversations themselves are in
/// <see cref="ConversationTests"/>). Screenshots go to screenshots/ beside the test binaries.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed class HelpCenterPageTests(ChromiumFixture chromium, HelpCenterService service)
{
    private const string ChineseWelcome = "您好！我可以解答退款问题";

    private string Root => service.Root;

    [Fact]
    public async Task Page_opens_in_Chinese_with_Web_Chat_topics_the_human_button_and_the_contact_footer()
    {
        await using var session = await PageSession.OpenAsync(chromium);
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
        // One welcome, the service's own (the first activity of the conversation), with its suggested actions.
        await ExpectBotSaysAsync(page, ChineseWelcome);
        await Assertions.Expect(page.Locator(".webchat__bubble")).ToHaveCountAsync(1);
        await Assertions.Expect(SuggestedActions(page)).ToHaveTextAsync(["申请退款", "退款进度", "转人工"]);
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

        // Remembered: the reloaded page is English, and so is the welcome of the conversation it opens.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hi, how can we help?");
        await ExpectOnlineAsync(page);
        await ExpectBotSaysAsync(page, "Hello! I can answer refund questions");
        await Assertions.Expect(FromBot(page, ChineseWelcome)).ToHaveCountAsync(0);
        await session.ScreenshotAsync("desktop-en-reloaded");
        Assert.Empty(session.Errors);
        Assert.Empty(await session.CspViolationsAsync());
    }

    [Fact]
    public async Task On_a_phone_the_topics_collapse_above_the_chat_and_nothing_scrolls_sideways()
    {
        await using var session = await PageSession.OpenAsync(chromium, PageSession.Phone);
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
    public async Task The_page_is_served_with_a_strict_Content_Security_Policy_that_Web_Chat_renders_under()
    {
        await using var session = await PageSession.OpenAsync(chromium);
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
        // The one failure the real service does not produce on request: the first token request is refused, the
        // retry goes through to the real endpoint.
        var failures = 1;
        var tokenRequests = 0;
        await session.Context.RouteAsync("**/api/demo/token", async route =>
        {
            Interlocked.Increment(ref tokenRequests);
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
        Assert.Equal(1, Volatile.Read(ref tokenRequests));
        await session.ScreenshotAsync("unavailable-zh");

        await page.ClickAsync("#chat-retry");
        await ExpectOnlineAsync(page);
        await Assertions.Expect(page.Locator("#chat-notice")).ToBeHiddenAsync();
        await ExpectBotSaysAsync(page, ChineseWelcome);
        Assert.Equal(2, Volatile.Read(ref tokenRequests));
    }
}
