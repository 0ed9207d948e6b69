using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static ServiceBot.Browser.Tests.WebChat;

namespace ServiceBot.Browser.Tests;

/// <summary>
/// The human handoff end to end, as its two people see it: a customer on the help-center page ("/", Web Chat over
/// Direct Line) and an agent on the console ("/agent", the Agent API and its SignalR hub) in another browser
/// context, against the real host, bot, queue and Redis. Agents are the test agents of <see cref="ServiceFixture"/>;
/// agents are at work around the clock here, so the outcome does not hang on the hour the tests run at.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed partial class AgentConsoleTests(ChromiumFixture chromium, AgentConsoleTests.HandoffService service)
    : IClassFixture<AgentConsoleTests.HandoffService>
{
    private const string Headphones = "202406180001"; // c-alice's Sony headphones: delivered, ¥1899.00

    /// <summary>Through the hub a change shows at once; this also covers the console's 15 s polling fallback.</summary>
    private const float LiveTimeout = 20_000;

    [Fact]
    public async Task A_customer_mid_refund_asks_for_a_person_an_agent_takes_over_with_the_draft_and_knowledge_and_hands_back_to_the_bot()
    {
        await using var agent = await PageSession.OpenAsync(chromium);
        await using var customer = await PageSession.OpenAsync(chromium);
        await SignInAsync(agent.Page, "alice", ServiceFixture.AlicePassword);
        await Assertions.Expect(agent.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = LiveTimeout });

        // The customer starts a refund, then asks for a person in the middle of it and is told their place.
        var conversationId = await OpenHelpCenterAsync(customer.Page);
        await PressSuggestedAsync(customer.Page, "申请退款");
        await PressSuggestedAsync(customer.Page, Headphones);
        await ExpectBotSaysAsync(customer.Page, "请选择退款类型");
        await PressSuggestedAsync(customer.Page, "退货退款");
        await ExpectBotSaysAsync(customer.Page, "请选择退款原因");
        await TypeAndSendAsync(customer.Page, "转人工");
        await Assertions.Expect(FromBotMatching(customer.Page, QueuePosition())).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
        await customer.ScreenshotAsync("handoff-customer-queued");

        // The agent sees the customer waiting, with why, and accepts.
        var row = agent.Page.Locator($"#waiting-list .row[data-conversation-id='{conversationId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await Assertions.Expect(row).ToContainTextAsync("客户要求转人工");
        await Assertions.Expect(row).ToContainTextAsync("退款");
        await Assertions.Expect(row.Locator(".row__position")).ToHaveTextAsync("第 1 位");
        await agent.ScreenshotAsync("handoff-agent-queue");
        await row.Locator("button[data-action='accept']").ClickAsync();
        await Assertions.Expect(agent.Page.Locator("#chat-open")).ToBeVisibleAsync();
        await Assertions.Expect(agent.Page.Locator("#chat-banner")).ToBeHiddenAsync();
        await Assertions.Expect(agent.Page.Locator($"#mine-list .row[data-conversation-id='{conversationId}']")).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await ExpectBotSaysAsync(customer.Page, "人工客服 Alice 已接入");

        // The transcript so far, and the refund draft in the context pane.
        await Assertions.Expect(agent.Page.Locator(".line--customer .line__text", new() { HasText = "转人工" })).ToHaveCountAsync(1);
        await Assertions.Expect(agent.Page.Locator(".line--bot .line__text", new() { HasText = "请选择退款原因" })).ToHaveCountAsync(1);
        var draft = agent.Page.Locator("#context-draft");
        await Assertions.Expect(draft).ToContainTextAsync("进行中的退款申请（草稿）");
        await Assertions.Expect(draft).ToContainTextAsync(Headphones);
        await Assertions.Expect(draft).ToContainTextAsync("退货退款");
        await Assertions.Expect(agent.Page.Locator("#context-handoff")).ToContainTextAsync("客户要求转人工");
        await Assertions.Expect(agent.Page.Locator("#context-orders")).ToContainTextAsync(Headphones);
        await agent.Page.Locator("#context").ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotFolder, "handoff-agent-context.png") });

        // Both ways, live: the customer types (the agent sees it typing, then the message), the agent answers.
        await customer.Page.FillAsync(SendBox, "耳机尺寸不合适，想退货");
        await Assertions.Expect(agent.Page.Locator("#typing")).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await customer.Page.ClickAsync(".webchat__send-button");
        await Assertions.Expect(agent.Page.Locator(".line--customer .line__text", new() { HasText = "耳机尺寸不合适，想退货" }))
            .ToHaveCountAsync(1, new() { Timeout = LiveTimeout });
        await agent.Page.FillAsync("#composer-input", "您好，我是客服 Alice，马上为您处理。");
        await agent.Page.PressAsync("#composer-input", "Enter");
        await ExpectBotSaysAsync(customer.Page, "我是客服 Alice，马上为您处理");
        await Assertions.Expect(agent.Page.Locator(".line--agent .line__text", new() { HasText = "马上为您处理" })).ToHaveCountAsync(1);

        // Knowledge: search, insert (nothing is sent by that), edit, send.
        await agent.Page.FillAsync("#kb-query", "退款多久能到账");
        await agent.Page.PressAsync("#kb-query", "Enter");
        var hit = agent.Page.Locator(".kb__hit[data-entry='refund-arrival-time']");
        await Assertions.Expect(hit).ToBeVisibleAsync(new() { Timeout = BotTimeout });
        await agent.Page.FillAsync("#composer-input", "关于到账时间：");
        await hit.Locator("button[data-action='insert']").ClickAsync();
        var composed = await agent.Page.InputValueAsync("#composer-input");
        Assert.StartsWith("关于到账时间：\n", composed, StringComparison.Ordinal);
        Assert.Contains("到账时间从显示", composed, StringComparison.Ordinal);
        Assert.DoesNotContain("{{policy.", composed, StringComparison.Ordinal);
        await agent.ScreenshotAsync("handoff-agent-chat");
        await Assertions.Expect(FromBot(customer.Page, "关于到账时间")).ToHaveCountAsync(0);
        await agent.Page.PressAsync("#composer-input", "Enter");
        await ExpectBotSaysAsync(customer.Page, "关于到账时间");
        await Assertions.Expect(FromBot(customer.Page, "关于到账时间")).ToContainTextAsync("到账时间从显示");
        await customer.ScreenshotAsync("handoff-customer-with-agent");

        // Back to the bot: the customer is asked to rate the agent, the bot answers again.
        await agent.Page.ClickAsync("#return-to-bot");
        await Assertions.Expect(agent.Page.Locator("#chat-placeholder-title")).ToHaveTextAsync("会话已交还给机器人。");
        await Assertions.Expect(agent.Page.Locator($"#mine-list .row[data-conversation-id='{conversationId}']")).ToHaveCountAsync(0, new() { Timeout = LiveTimeout });
        await ExpectBotSaysAsync(customer.Page, "请为刚才的人工服务打分");
        await Assertions.Expect(SuggestedActions(customer.Page)).ToHaveTextAsync(["1", "2", "3", "4", "5"]);
        await PressSuggestedAsync(customer.Page, "5");
        await ExpectBotSaysAsync(customer.Page, "感谢您的评分（5 分）");
        await customer.ScreenshotAsync("handoff-customer-back-with-bot");

        Assert.Empty(customer.Errors);
        Assert.Empty(agent.Errors);
        Assert.Empty(await agent.CspViolationsAsync());
    }

    [Fact]
    public async Task Markup_a_customer_types_shows_as_text_in_the_console_and_runs_nothing()
    {
        await using var agent = await PageSession.OpenAsync(chromium);
        await using var customer = await PageSession.OpenAsync(chromium);
        await SignInAsync(agent.Page, "bob", ServiceFixture.BobPassword);

        // One before the handoff (read from the transcript), one after (relayed live through the hub).
        const string Script = "<script>window.__xss = 'script'</script>";
        const string Image = "<img src=x onerror=\"window.__xss = 'img'\">";
        var conversationId = await OpenHelpCenterAsync(customer.Page);
        await TypeAndSendAsync(customer.Page, Script);
        await TypeAndSendAsync(customer.Page, "转人工");
        await Assertions.Expect(FromBotMatching(customer.Page, QueuePosition())).ToHaveCountAsync(1, new() { Timeout = BotTimeout });

        var row = agent.Page.Locator($"#waiting-list .row[data-conversation-id='{conversationId}']");
        await row.Locator("button[data-action='accept']").ClickAsync(new() { Timeout = LiveTimeout });
        await Assertions.Expect(agent.Page.Locator("#chat-open")).ToBeVisibleAsync();
        await ExpectBotSaysAsync(customer.Page, "人工客服 Bob 已接入");
        await TypeAndSendAsync(customer.Page, Image);

        var lines = agent.Page.Locator(".line--customer .line__text");
        await Assertions.Expect(lines.Filter(new() { HasText = Script })).ToHaveCountAsync(1);
        await Assertions.Expect(lines.Filter(new() { HasText = Image })).ToHaveCountAsync(1, new() { Timeout = LiveTimeout });
        Assert.Equal(Script, await lines.Filter(new() { HasText = Script }).TextContentAsync());
        Assert.Equal(Image, await lines.Filter(new() { HasText = Image }).TextContentAsync());
        Assert.Equal(0, await agent.Page.Locator("#transcript script, #transcript img, #context script, #context img").CountAsync());
        Assert.Equal("undefined", await agent.Page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Equal("undefined", await customer.Page.EvaluateAsync<string>("() => typeof window.__xss"));
        await agent.ScreenshotAsync("handoff-agent-markup-as-text");
        Assert.Empty(await agent.CspViolationsAsync());

        await agent.Page.ClickAsync("#resolve");
        await agent.Page.SelectOptionAsync("#resolve-disposition", "other");
        await agent.Page.FillAsync("#resolve-note", "test: markup as text");
        await agent.Page.ClickAsync("#resolve-form button[type=submit]");
        await Assertions.Expect(agent.Page.Locator("#chat-placeholder-title")).ToHaveTextAsync("会话已结束。");
        Assert.Empty(agent.Errors);
    }

    [Fact]
    public async Task An_agent_takes_the_next_customer_and_transfers_to_a_colleague_while_the_supervisor_watches_the_load()
    {
        await using var alice = await PageSession.OpenAsync(chromium);
        await using var bob = await PageSession.OpenAsync(chromium);
        await using var sam = await PageSession.OpenAsync(chromium);
        await using var customer = await PageSession.OpenAsync(chromium);
        await SignInAsync(alice.Page, "alice", ServiceFixture.AlicePassword);
        await SignInAsync(bob.Page, "bob", ServiceFixture.BobPassword);
        await SignInAsync(sam.Page, "sam", ServiceFixture.SamPassword);

        var conversationId = await OpenHelpCenterAsync(customer.Page);
        await TypeAndSendAsync(customer.Page, "转人工");
        await Assertions.Expect(FromBotMatching(customer.Page, QueuePosition())).ToHaveCountAsync(1, new() { Timeout = BotTimeout });

        // Alice takes the next one waiting: this customer.
        await Assertions.Expect(alice.Page.Locator($"#waiting-list .row[data-conversation-id='{conversationId}']")).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await alice.Page.ClickAsync("#take-next");
        await Assertions.Expect(alice.Page.Locator("#chat-meta .chat__id")).ToHaveTextAsync(conversationId);
        await ExpectBotSaysAsync(customer.Page, "人工客服 Alice 已接入");

        // Alice also has the chat open in a second tab (its own sign-in: the token is kept per tab).
        await using var aliceElsewhere = await PageSession.OpenAsync(chromium);
        await SignInAsync(aliceElsewhere.Page, "alice", ServiceFixture.AlicePassword);
        await aliceElsewhere.Page.Locator($"#mine-list .row[data-conversation-id='{conversationId}'] button[data-action='open']").ClickAsync(new() { Timeout = LiveTimeout });
        await Assertions.Expect(aliceElsewhere.Page.Locator("#composer-input")).ToBeEnabledAsync();

        // And hands the customer to Bob, who finds the conversation among his own and answers.
        await alice.Page.ClickAsync("#transfer");
        await alice.Page.CheckAsync("#transfer-form input[name=target][value=agent]");
        await alice.Page.FillAsync("#transfer-agent", "bob");
        await alice.ScreenshotAsync("handoff-agent-transfer");
        await alice.Page.ClickAsync("#transfer-form button[type=submit]");
        await Assertions.Expect(alice.Page.Locator("#chat-placeholder-title")).ToHaveTextAsync("会话已转接。");
        await ExpectBotSaysAsync(customer.Page, "已为您转接给人工客服 Bob");
        // The other tab is told at once (conversationChanged) that the conversation is no longer Alice's.
        await Assertions.Expect(aliceElsewhere.Page.Locator("#chat-banner-text")).ToHaveTextAsync("该会话已不归您处理，无法继续回复。", new() { Timeout = LiveTimeout });
        await Assertions.Expect(aliceElsewhere.Page.Locator("#composer-input")).ToBeDisabledAsync();
        await aliceElsewhere.ScreenshotAsync("handoff-agent-lost-ownership");
        await aliceElsewhere.Page.ClickAsync("#chat-dismiss");
        await Assertions.Expect(aliceElsewhere.Page.Locator("#chat-open")).ToBeHiddenAsync();
        var bobsRow = bob.Page.Locator($"#mine-list .row[data-conversation-id='{conversationId}']");
        await Assertions.Expect(bobsRow).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await bobsRow.Locator("button[data-action='open']").ClickAsync();
        await Assertions.Expect(bob.Page.Locator(".line--customer .line__text", new() { HasText = "转人工" })).ToHaveCountAsync(1);
        await bob.Page.FillAsync("#composer-input", "您好，我是 Bob，接下来由我为您处理。");
        await bob.Page.PressAsync("#composer-input", "Enter");
        await ExpectBotSaysAsync(customer.Page, "我是 Bob，接下来由我为您处理");

        // The supervisor's view: who is online and how loaded.
        await sam.Page.ClickAsync("[data-view-tab='supervisor']");
        await Assertions.Expect(sam.Page.Locator("#sup-agents tr[data-login='bob']")).ToContainTextAsync("在线");
        await Assertions.Expect(sam.Page.Locator("#sup-agents tr[data-login='bob'] .load__text")).ToHaveTextAsync(new Regex(@"^1 / \d+$"));
        await Assertions.Expect(sam.Page.Locator("#sup-agents tr[data-login='alice'] .load__text")).ToHaveTextAsync("0 / 2");
        await sam.ScreenshotAsync("handoff-supervisor");

        await bob.Page.ClickAsync("#resolve");
        await bob.Page.SelectOptionAsync("#resolve-disposition", "resolved");
        await bob.Page.ClickAsync("#resolve-form button[type=submit]");
        await Assertions.Expect(bob.Page.Locator("#chat-placeholder-title")).ToHaveTextAsync("会话已结束。");
        await Assertions.Expect(bobsRow).ToHaveCountAsync(0, new() { Timeout = LiveTimeout });
        foreach (var session in new[] { alice, bob, sam })
        {
            Assert.Empty(session.Errors);
        }
    }

    [Fact]
    public async Task After_the_console_loses_its_connection_it_reconnects_and_shows_what_the_customer_said_meanwhile_once()
    {
        await using var agent = await PageSession.OpenAsync(chromium);
        await using var customer = await PageSession.OpenAsync(chromium);
        // The page's WebSockets, kept where the test can drop them (as a network change or a proxy would).
        await agent.Context.AddInitScriptAsync("""
            window.__sockets = [];
            window.WebSocket = class extends window.WebSocket {
              constructor(...args) { super(...args); window.__sockets.push(this); }
            };
            """);
        await SignInAsync(agent.Page, "bob", ServiceFixture.BobPassword);
        var conversationId = await OpenHelpCenterAsync(customer.Page);
        await TypeAndSendAsync(customer.Page, "转人工");
        await Assertions.Expect(FromBotMatching(customer.Page, QueuePosition())).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
        await agent.Page.Locator($"#waiting-list .row[data-conversation-id='{conversationId}'] button[data-action='accept']").ClickAsync(new() { Timeout = LiveTimeout });
        await ExpectBotSaysAsync(customer.Page, "人工客服 Bob 已接入");
        await Assertions.Expect(agent.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = LiveTimeout });

        // The hub's socket drops and reconnecting fails for a while (the hub refused); the customer keeps writing.
        const string Hub = "**/api/agent/hub/**";
        await agent.Context.RouteAsync(Hub, route => route.AbortAsync());
        Assert.True(await agent.Page.EvaluateAsync<int>("() => window.__sockets.filter((s) => s.readyState === WebSocket.OPEN).length") > 0, "the hub has no open WebSocket");
        await agent.Page.EvaluateAsync("() => window.__sockets.forEach((socket) => socket.close())");
        await Assertions.Expect(agent.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "reconnecting");
        await TypeAndSendAsync(customer.Page, "还在吗？我等了很久");
        await agent.ScreenshotAsync("handoff-agent-offline");

        await agent.Context.UnrouteAsync(Hub);
        await Assertions.Expect(agent.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = LiveTimeout });
        var missed = agent.Page.Locator(".line--customer .line__text", new() { HasText = "还在吗？我等了很久" });
        await Assertions.Expect(missed).ToHaveCountAsync(1, new() { Timeout = LiveTimeout });

        // Live again: the next message comes through the hub, and nothing is shown twice.
        await TypeAndSendAsync(customer.Page, "订单号 202406180001");
        await Assertions.Expect(agent.Page.Locator(".line--customer .line__text", new() { HasText = "订单号 202406180001" })).ToHaveCountAsync(1, new() { Timeout = LiveTimeout });
        var ids = await agent.Page.EvalOnSelectorAllAsync<string[]>("#transcript [data-id]", "lines => lines.map((l) => l.dataset.id)");
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        await Assertions.Expect(missed).ToHaveCountAsync(1);

        await agent.Page.ClickAsync("#return-to-bot");
        await Assertions.Expect(agent.Page.Locator("#chat-placeholder-title")).ToHaveTextAsync("会话已交还给机器人。");
    }

    private async Task SignInAsync(IPage page, string login, string password)
    {
        await page.GotoAsync(service.Root + "agent");
        await AgentConsolePageTests.SignInAsync(page, login, password);
        await Assertions.Expect(page.Locator("#desk-view")).ToBeVisibleAsync();
    }

    /// <summary>Opens "/" and returns the conversation the page's token is for.</summary>
    private async Task<string> OpenHelpCenterAsync(IPage page)
    {
        var token = await page.RunAndWaitForResponseAsync(() => page.GotoAsync(service.Root),
            response => response.Url.EndsWith("/api/demo/token", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(await token.TextAsync());
        await ExpectOnlineAsync(page);
        return body.RootElement.GetProperty("conversationId").GetString()!;
    }

    private static ILocator FromBotMatching(IPage page, Regex text) =>
        page.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content", new() { HasTextRegex = text });

    [GeneratedRegex(@"您前面还有 \d+ 位")]
    private static partial Regex QueuePosition();

    /// <summary>The browser tests' host, with agents at work around the clock.</summary>
    public sealed class HandoffService : ServiceFixture
    {
        protected override IEnumerable<string> Settings =>
        [
            "--DirectLine:DemoTokens", "true",
            "--Handoff:ServiceHours", "00:00-24:00",
        ];

        public string Root => Client.BaseAddress!.ToString();
    }
}
