using System.Text.Json;
using Microsoft.Playwright;

namespace ServiceBot.Browser.Tests;

/// <summary>
/// The agent console at /agent as a page: served by the real host under its Content-Security-Policy, with the Agent
/// API played by <see cref="FakeAgentApi"/> so that every answer the page must handle can be given on request (the
/// whole handoff against the real server is in <see cref="AgentConsoleTests"/>). Screenshots go to screenshots/.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed class AgentConsolePageTests(ChromiumFixture chromium, HelpCenterService service)
{
    private const string ConversationId = "conv-7f3a9c21e04b";

    private string Console => service.Root + "agent";

    [Fact]
    public async Task Agent_without_a_slash_opens_the_Chinese_sign_in_under_the_strict_policy_and_switches_to_English()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var page = session.Page;

        var response = (await page.GotoAsync(Console))!;

        Assert.EndsWith("/agent/", page.Url, StringComparison.Ordinal);
        var csp = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("坐席工作台 - ServiceBot 商城", await page.TitleAsync());
        await Assertions.Expect(page.Locator(".login__title")).ToHaveTextAsync("坐席登录");
        await Assertions.Expect(page.Locator("#login-submit")).ToHaveTextAsync("登录");
        await Assertions.Expect(page.Locator("#login-name")).ToBeFocusedAsync();
        // The SignalR client is served beside the Web Chat bundle (tools/signalr/install.sh).
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.signalR?.HubConnectionBuilder === 'function'"),
            "vendor/signalr.js did not load: run tools/signalr/install.sh");
        await session.ScreenshotAsync("agent-login-zh");

        await page.ClickAsync("button[data-lang='en']");
        await Assertions.Expect(page.Locator(".login__title")).ToHaveTextAsync("Agent sign-in");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await session.ScreenshotAsync("agent-login-en");
        Assert.Empty(session.Errors);
        Assert.Empty(await session.CspViolationsAsync());
    }

    [Fact]
    public async Task The_console_strings_have_the_same_keys_in_both_languages()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var page = session.Page;
        await page.GotoAsync(Console + "/");

        var problems = await page.EvaluateAsync<string[]>("""
            async () => {
              const { STRINGS, LOCALES } = await import('./js/strings.js');
              const problems = [];
              const compare = (path, zh, en) => {
                for (const key of Object.keys(zh)) {
                  if (!(key in en)) problems.push(`en lacks ${path}${key}`);
                  else if (typeof zh[key] === 'object') compare(`${path}${key}.`, zh[key], en[key]);
                  else if (!zh[key] || !en[key]) problems.push(`${path}${key} is empty`);
                }
                for (const key of Object.keys(en)) if (!(key in zh)) problems.push(`zh-CN lacks ${path}${key}`);
              };
              compare('', STRINGS['zh-CN'], STRINGS.en);
              for (const attribute of ['i18n', 'i18nAriaLabel', 'i18nPlaceholder']) {
                const name = `data-${attribute.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
                for (const element of document.querySelectorAll(`[${name}]`)) {
                  if (typeof STRINGS['zh-CN'][element.dataset[attribute]] !== 'string') problems.push(`no string ${element.dataset[attribute]}`);
                }
              }
              return problems;
            }
            """);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_wrong_password_says_so_too_many_attempts_count_down_and_the_right_one_opens_the_desk()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var api = new FakeAgentApi();
        var attempts = 0;
        api.On("POST", "login", _ => Interlocked.Increment(ref attempts) switch
        {
            1 => new FakeAgentApi.Reply(401),
            2 => new FakeAgentApi.Reply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "3" }),
            _ => FakeAgentApi.LoginOk(),
        });
        api.On("GET", "queue", new FakeAgentApi.Reply(200, new { waiting = Array.Empty<object>(), mine = Array.Empty<object>() }));
        api.On("POST", "heartbeat", new FakeAgentApi.Reply(204));
        await api.InstallAsync(session.Context);
        var page = session.Page;
        await page.GotoAsync(Console);

        await SignInAsync(page, "alice", "wrong");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("账号或密码不正确。");

        await page.ClickAsync("#login-submit");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("尝试次数过多，请在 [1-3] 秒后重试。"));
        await Assertions.Expect(page.Locator("#login-submit")).ToBeDisabledAsync();
        await session.ScreenshotAsync("agent-login-throttled");
        // Counted down, then the button is back.
        await Assertions.Expect(page.Locator("#login-submit")).ToBeEnabledAsync(new() { Timeout = 6000 });
        await Assertions.Expect(page.Locator("#login-error")).ToBeHiddenAsync();

        await page.FillAsync("#login-password", "right");
        await page.ClickAsync("#login-submit");
        await Assertions.Expect(page.Locator("#desk-view")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#me-name")).ToHaveTextAsync("Alice Wang");
        await Assertions.Expect(page.Locator("#waiting-empty")).ToHaveTextAsync("没有排队的客户。");
        var login = api.CallsTo("POST", "login").Last();
        using (var body = JsonDocument.Parse(login.Body!))
        {
            Assert.Equal("alice", body.RootElement.GetProperty("login").GetString());
            Assert.Equal("right", body.RootElement.GetProperty("password").GetString());
        }

        // The token is kept for the tab: a reload stays signed in, and sends it.
        Assert.Contains("fake-token-alice", await page.EvaluateAsync<string>("() => sessionStorage.getItem('servicebot.agent.session')"), StringComparison.Ordinal);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#desk-view")).ToBeVisibleAsync();
        Assert.NotEmpty(api.CallsTo("POST", "heartbeat"));
    }

    [Fact]
    public async Task The_queue_ticks_customer_markup_stays_text_the_context_and_draft_show_and_knowledge_is_inserted_not_sent()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var api = Desk(new FakeAgentApi());
        await api.InstallAsync(session.Context);
        var page = session.Page;
        await page.GotoAsync(Console);
        await SignInAsync(page, "alice", "secret");

        // The queue: position, trigger, priority, skill, language, and a waiting time that ticks.
        var row = page.Locator("#waiting-list .row");
        await Assertions.Expect(row).ToHaveCountAsync(2);
        await Assertions.Expect(row.First).ToContainTextAsync("第 1 位");
        await Assertions.Expect(row.First).ToContainTextAsync("客户要求转人工");
        await Assertions.Expect(row.First).ToContainTextAsync("退款");
        await Assertions.Expect(row.First).ToContainTextAsync("中文");
        await Assertions.Expect(row.Nth(1)).ToContainTextAsync("投诉");
        await Assertions.Expect(row.Nth(1)).ToContainTextAsync("非服务时间");
        var wait = row.First.Locator(".row__wait");
        var before = await wait.TextContentAsync();
        await Assertions.Expect(wait).Not.ToHaveTextAsync(before!, new() { Timeout = 3000 });
        await Assertions.Expect(page.Locator("#waiting-count")).ToHaveTextAsync("2");

        // Accept opens the chat: the customer's markup is text, nothing of it ran or became an element.
        await row.First.Locator("button", new() { HasText = "接入" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chat-open")).ToBeVisibleAsync();
        var customer = page.Locator(".line--customer .line__text");
        await Assertions.Expect(customer.Nth(0)).ToHaveTextAsync("<script>window.__xss = 'script'</script>");
        await Assertions.Expect(customer.Nth(1)).ToHaveTextAsync("<img src=x onerror=\"window.__xss = 'img'\">");
        Assert.Equal(0, await page.Locator("#transcript script, #transcript img, #context img, #context script").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        await Assertions.Expect(page.Locator(".line--bot .line__text").First).ToContainTextAsync("请问是哪个订单");
        await Assertions.Expect(page.Locator(".line--system")).ToContainTextAsync("客户进入排队（第 1 位）");
        await Assertions.Expect(page.Locator("#chat-title")).ToHaveTextAsync("Alice");

        // The context: why, the refund draft, orders and refunds; the markup in the evidence is text too.
        await Assertions.Expect(page.Locator("#context-handoff")).ToContainTextAsync("客户要求转人工");
        await Assertions.Expect(page.Locator("#context-handoff .quote__text")).ToHaveTextAsync("<b>转人工</b>");
        var draft = page.Locator("#context-draft");
        await Assertions.Expect(draft).ToContainTextAsync("进行中的退款申请（草稿）");
        await Assertions.Expect(draft).ToContainTextAsync("202406180001");
        await Assertions.Expect(draft).ToContainTextAsync("退货退款");
        await Assertions.Expect(draft).ToContainTextAsync("¥1,899.00");
        await Assertions.Expect(page.Locator("#context-orders")).ToContainTextAsync("Sony WH-1000XM5");
        await Assertions.Expect(page.Locator("#context-refunds .timeline__step")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#context-summary li")).ToHaveCountAsync(2);
        // A work surface: the window does not scroll, each column does.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight"), "the desk scrolls as a page");
        await session.ScreenshotAsync("agent-console-mock-open");

        // Knowledge from the real host: the answer goes into the composer as plain text, and nothing is sent.
        await page.FillAsync("#kb-query", "退款多久能到账");
        await page.PressAsync("#kb-query", "Enter");
        var hit = page.Locator(".kb__hit").First;
        await Assertions.Expect(hit).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await hit.Locator("button", new() { HasText = "插入回复" }).ClickAsync();
        var composed = await page.InputValueAsync("#composer-input");
        Assert.Contains("到账", composed, StringComparison.Ordinal);
        Assert.DoesNotContain("<", composed, StringComparison.Ordinal);
        Assert.DoesNotContain("**", composed, StringComparison.Ordinal);
        Assert.Empty(api.CallsTo("POST", $"conversations/{ConversationId}/messages"));

        // Enter sends what the composer holds (edited), Shift+Enter is a new line.
        await page.FillAsync("#composer-input", "您好，我是客服小王");
        await page.PressAsync("#composer-input", "Shift+Enter");
        await page.Keyboard.TypeAsync("马上为您处理");
        await page.PressAsync("#composer-input", "Enter");
        await Assertions.Expect(page.Locator(".line--agent .line__text")).ToHaveTextAsync("您好，我是客服小王\n马上为您处理");
        await Assertions.Expect(page.Locator(".line--agent")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("line--pending"));
        var sent = Assert.Single(api.CallsTo("POST", $"conversations/{ConversationId}/messages"));
        using (var body = JsonDocument.Parse(sent.Body!))
        {
            Assert.Equal("您好，我是客服小王\n马上为您处理", body.RootElement.GetProperty("text").GetString());
        }

        await Assertions.Expect(page.Locator("#composer-input")).ToHaveValueAsync("");

        // A private note, then resolve with a disposition.
        await page.FillAsync("#note-input", "客户要求尽快退款");
        await page.ClickAsync("#note-form button[type=submit]");
        await Assertions.Expect(page.Locator("#notes .notes__text")).ToHaveTextAsync("客户要求尽快退款");
        await page.ClickAsync("#resolve");
        await page.SelectOptionAsync("#resolve-disposition", "refund-approved");
        await page.FillAsync("#resolve-note", "同意全额退款");
        await session.ScreenshotAsync("agent-console-mock-resolve");
        await page.ClickAsync("#resolve-form button[type=submit]");
        await Assertions.Expect(page.Locator("#chat-placeholder-title")).ToHaveTextAsync("会话已结束。");
        var resolve = Assert.Single(api.CallsTo("POST", $"conversations/{ConversationId}/resolve"));
        using (var body = JsonDocument.Parse(resolve.Body!))
        {
            Assert.Equal("refund-approved", body.RootElement.GetProperty("disposition").GetString());
            Assert.Equal("同意全额退款", body.RootElement.GetProperty("note").GetString());
        }

        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(await session.CspViolationsAsync());
        Assert.Empty(ErrorsBesidesTheRefusedHub(session));
    }

    [Fact]
    public async Task Already_taken_is_said_and_a_401_from_any_call_goes_back_to_sign_in()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var api = Desk(new FakeAgentApi());
        api.On("POST", $"conversations/{ConversationId}/accept", new FakeAgentApi.Reply(409));
        api.On("POST", "next", new FakeAgentApi.Reply(401));
        await api.InstallAsync(session.Context);
        var page = session.Page;
        await page.GotoAsync(Console);
        await SignInAsync(page, "alice", "secret");

        await page.Locator("#waiting-list .row").First.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator(".toast")).ToHaveTextAsync("该会话已被其他坐席接入。");
        await Assertions.Expect(page.Locator("#chat-open")).ToBeHiddenAsync();

        await page.ClickAsync("#take-next");
        await Assertions.Expect(page.Locator("#login-view")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("登录已过期，请重新登录。");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('servicebot.agent.session')"));
    }

    [Fact]
    public async Task The_supervisor_sees_the_team_and_on_a_phone_the_columns_stack_without_scrolling_sideways()
    {
        await using var session = await PageSession.OpenAsync(chromium, PageSession.Phone);
        var api = Desk(new FakeAgentApi());
        api.On("POST", "login", FakeAgentApi.LoginOk("sam", "Sam Li", "supervisor"));
        api.On("GET", "supervisor", new FakeAgentApi.Reply(200, new
        {
            waiting = 2,
            longestWaitSeconds = 95,
            agents = new object[]
            {
                new { login = "alice", name = "Alice Wang", online = true, load = 2, capacity = 3 },
                new { login = "bob", name = "Bob Chen", online = false, load = 0, capacity = 3 },
            },
        }));
        await api.InstallAsync(session.Context);
        var page = session.Page;
        await page.GotoAsync(Console);
        await SignInAsync(page, "sam", "secret");
        await Assertions.Expect(page.Locator("#waiting-list .row")).ToHaveCountAsync(2);
        await page.Locator("#waiting-list .row").First.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("#chat-open")).ToBeVisibleAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the console scrolls sideways at 390 px");
        var queue = (await page.Locator("#queue").BoundingBoxAsync())!;
        var chat = (await page.Locator("#chat").BoundingBoxAsync())!;
        var context = (await page.Locator("#context").BoundingBoxAsync())!;
        Assert.True(queue.Y + queue.Height <= chat.Y && chat.Y + chat.Height <= context.Y, "queue, chat and context are not stacked");
        Assert.True(chat.Width >= 360, $"the chat is only {chat.Width} px wide");
        await session.ScreenshotAsync("agent-console-phone");

        await page.ClickAsync("[data-view-tab='supervisor']");
        await Assertions.Expect(page.Locator("#sup-waiting")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#sup-agents tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#sup-agents tr[data-login='alice']")).ToContainTextAsync("在线");
        await Assertions.Expect(page.Locator("#sup-agents tr[data-login='alice']")).ToContainTextAsync("2 / 3");
        await Assertions.Expect(page.Locator("#sup-agents tr[data-login='bob']")).ToContainTextAsync("离线");
        await Assertions.Expect(page.Locator("#sup-longest")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1:3[5-9]$"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the supervisor view scrolls sideways at 390 px");
        await session.ScreenshotAsync("agent-supervisor-phone");
    }

    internal static async Task SignInAsync(IPage page, string login, string password)
    {
        await Assertions.Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        await page.FillAsync("#login-name", login);
        await page.FillAsync("#login-password", password);
        await page.ClickAsync("#login-submit");
    }

    /// <summary>The fake desk: a signed-in agent, two waiting customers, and the conversation of the first.</summary>
    private static FakeAgentApi Desk(FakeAgentApi api)
    {
        var accepted = false;
        api.On("POST", "login", FakeAgentApi.LoginOk());
        api.On("POST", "heartbeat", new FakeAgentApi.Reply(204));
        api.On("GET", "queue", _ => new FakeAgentApi.Reply(200, new
        {
            waiting = accepted
                ? [Waiting("conv-second-0002", 2, "complaint", "complaint", "general", "zh-CN", offline: true)]
                : new object[]
                {
                    Waiting(ConversationId, 1, "asked", "other", "refund", "zh-CN"),
                    Waiting("conv-second-0002", 2, "complaint", "complaint", "general", "zh-CN", offline: true),
                },
            mine = accepted ? [new { conversationId = ConversationId, since = DateTimeOffset.UtcNow, trigger = "asked", skill = "refund", language = "zh-CN" }] : Array.Empty<object>(),
        }));
        api.On("POST", $"conversations/{ConversationId}/accept", _ =>
        {
            accepted = true;
            return new FakeAgentApi.Reply(200, new { conversationId = ConversationId });
        });
        api.On("GET", $"conversations/{ConversationId}", new FakeAgentApi.Reply(200, Conversation()));
        api.On("POST", $"conversations/{ConversationId}/messages", new FakeAgentApi.Reply(202));
        api.On("POST", $"conversations/{ConversationId}/notes", new FakeAgentApi.Reply(204));
        api.On("POST", $"conversations/{ConversationId}/resolve", _ =>
        {
            accepted = false;
            return new FakeAgentApi.Reply(204);
        });
        return api;
    }

    private static object Waiting(string id, int position, string trigger, string priority, string skill, string language, bool offline = false) =>
        new { conversationId = id, waitingSeconds = 40 * position, trigger, priority, skill, language, position, offline };

    private static object Conversation()
    {
        var customer = new { id = "c-alice", name = "Alice", role = "user" };
        var bot = new { id = "servicebot", name = "ServiceBot", role = "bot" };
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        return new
        {
            conversationId = ConversationId,
            owner = new { kind = "agent", agent = "alice" },
            watermark = "5",
            transcript = new object[]
            {
                new { type = "message", id = $"{ConversationId}|1", timestamp = at, from = bot, text = "请问是哪个订单？", suggestedActions = new { actions = new[] { new { type = "imBack", title = "202406180001", value = "202406180001" } } } },
                new { type = "message", id = $"{ConversationId}|2", timestamp = at, from = customer, text = "<script>window.__xss = 'script'</script>" },
                new { type = "message", id = $"{ConversationId}|3", timestamp = at, from = customer, text = "<img src=x onerror=\"window.__xss = 'img'\">" },
                new { type = "event", id = $"{ConversationId}|4", timestamp = at, from = bot, name = "handoff.status", value = new { kind = "queued", position = 1 } },
                new { type = "message", id = $"{ConversationId}|5", timestamp = at, from = customer, text = "转人工" },
            },
            context = new
            {
                trigger = "asked",
                evidence = "<b>转人工</b>",
                language = "zh-CN",
                skill = "refund",
                priority = "other",
                summary = new[] { "客户正在为订单 202406180001 申请退货退款", "中途要求转人工" },
                dialog = new { name = "refund", values = new { orderId = "202406180001", type = "退货退款", amount = 1899.00m, evidence = Array.Empty<string>() } },
                orders = new[] { new { orderId = "202406180001", title = "Sony WH-1000XM5", amount = 1899.00m, status = "delivered" } },
                refunds = new[]
                {
                    new
                    {
                        requestId = "RF20240601001",
                        status = "submitted",
                        amount = 59.00m,
                        history = new[] { new { at, status = "draft", note = "" }, new { at, status = "submitted", note = "<i>客户提交</i>" } },
                    },
                },
            },
        };
    }

    /// <summary>The hub is refused on purpose (the console falls back to polling): what SignalR and chromium say about it is expected.</summary>
    private static List<string> ErrorsBesidesTheRefusedHub(PageSession session) =>
        [.. session.Errors.Where(e => !e.Contains("signalr", StringComparison.OrdinalIgnoreCase)
            && !e.Contains("negotiat", StringComparison.OrdinalIgnoreCase)
            && !e.Contains("Failed to load resource", StringComparison.Ordinal))];
}
