using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceBot.Bot.Refunds;
using static ServiceBot.Browser.Tests.WebChat;

namespace ServiceBot.Browser.Tests;

/// <summary>
/// Whole conversations on the help-center page, end to end: Web Chat in headless chromium, the real Direct Line
/// server (demo token, conversation, WebSocket stream, upload), the real bot with the repository's knowledge base and
/// demo orders (customer c-alice), and Redis. What is asserted is what the customer sees rendered.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed class ConversationTests(ChromiumFixture chromium, HelpCenterService service)
{
    private const string Headphones = "202406180001"; // c-alice's Sony headphones: delivered, ¥1899.00

    [Fact]
    public async Task A_Chinese_question_typed_in_the_send_box_is_answered_from_the_knowledge_base_in_rendered_Markdown()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var page = session.Page;
        await page.GotoAsync(service.Root);
        await ExpectOnlineAsync(page);
        await ExpectBotSaysAsync(page, "您好！");

        await TypeAndSendAsync(page, "退款多久能到账");

        // knowledge/faq/zh-CN/refund-arrival-time.md, its Markdown rendered: bold words and a list, the policy filled in.
        var answer = FromBot(page, "到账时间从显示");
        await Assertions.Expect(answer).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
        await Assertions.Expect(answer.Locator("strong", new() { HasText = "退款成功" })).ToBeVisibleAsync();
        await Assertions.Expect(answer.Locator("li strong", new() { HasText = "支付宝 / 微信支付" })).ToBeVisibleAsync();
        await Assertions.Expect(answer.Locator("li")).ToHaveCountAsync(5);
        await Assertions.Expect(answer).Not.ToContainTextAsync("{{policy.");
        await Assertions.Expect(answer).Not.ToContainTextAsync("**");
        await session.ScreenshotAsync("faq-zh");
        Assert.Empty(session.Errors);
        Assert.Empty(await session.CspViolationsAsync());
    }

    [Fact]
    public async Task A_whole_refund_is_filed_with_the_suggested_actions_and_an_uploaded_photo()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var page = session.Page;
        await page.GotoAsync(service.Root);
        await ExpectOnlineAsync(page);
        // A real PNG to upload: a picture of the page's own logo.
        var photo = Path.Combine(ChromiumFixture.ScreenshotFolder, "evidence-photo.png");
        await page.Locator(".brand__mark").ScreenshotAsync(new() { Path = photo });

        await PressSuggestedAsync(page, "申请退款"); // offered with the welcome
        await ExpectBotSaysAsync(page, "请问是哪个订单");
        await PressSuggestedAsync(page, Headphones);
        await ExpectBotSaysAsync(page, "已选择订单");
        await ExpectBotSaysAsync(page, "请选择退款类型");
        await PressSuggestedAsync(page, "退货退款");
        await ExpectBotSaysAsync(page, "请选择退款原因");
        await PressSuggestedAsync(page, "尺寸不符");
        await ExpectBotSaysAsync(page, "本单实付 ¥1899.00");
        await PressSuggestedAsync(page, "全额");
        await ExpectBotSaysAsync(page, "可以上传照片作为凭证");
        await session.ScreenshotAsync("refund-zh-evidence-asked");

        // Web Chat 4.18 (sendAttachmentOn "send"): the picked photo waits in the send box until the send button.
        await page.SetInputFilesAsync(".webchat__upload-button--file-input", photo);
        await session.ScreenshotAsync("refund-zh-photo-picked");
        await page.ClickAsync(".webchat__send-button");
        await ExpectBotSaysAsync(page, "已收到 1 张图片");
        await PressSuggestedAsync(page, "完成");
        var summary = FromBot(page, "请确认退款申请");
        await Assertions.Expect(summary).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
        await Assertions.Expect(summary).ToContainTextAsync("订单：" + Headphones);
        await Assertions.Expect(summary).ToContainTextAsync("类型：退货退款");
        await Assertions.Expect(summary).ToContainTextAsync("原因：尺寸不符");
        await Assertions.Expect(summary).ToContainTextAsync("金额：¥1899.00");
        await Assertions.Expect(summary).ToContainTextAsync("凭证：1 张");
        await PressSuggestedAsync(page, "提交");

        var submitted = FromBot(page, "退款申请已提交");
        await Assertions.Expect(submitted).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
        // A long conversation scrolls: the newest message is in view, the welcome has scrolled away.
        await Assertions.Expect(submitted).ToBeInViewportAsync();
        await Assertions.Expect(FromBot(page, "您好！")).Not.ToBeInViewportAsync();
        await session.ScreenshotAsync("refund-zh-submitted");

        // Filed for real: the request, with the uploaded photo as its evidence, and its number is the one shown.
        var refunds = service.Services.GetRequiredService<IRefundService>();
        var request = Assert.Single(await refunds.ListForCustomerAsync("c-alice"), r => r.OrderId == Headphones && r.State == RefundState.Submitted);
        Assert.Equal((RefundType.ReturnAndRefund, RefundReason.WrongSize, 1899.00m), (request.Type, request.Reason, request.Amount));
        var evidence = Assert.Single(request.Evidence);
        Assert.Equal("image/png", evidence.ContentType);
        Assert.Equal(new FileInfo(photo).Length, evidence.Bytes);
        await Assertions.Expect(submitted.Locator("strong")).ToHaveTextAsync(request.Id);
        Assert.Empty(session.Errors);
        Assert.Empty(await session.CspViolationsAsync());
    }

    [Fact]
    public async Task After_switching_to_English_a_topic_and_the_human_button_are_answered_in_English_in_the_same_conversation()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var page = session.Page;
        var tokenRequests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/demo/token", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref tokenRequests);
            }
        };
        await page.GotoAsync(service.Root);
        await ExpectOnlineAsync(page);
        await ExpectBotSaysAsync(page, "您好！");

        await page.ClickAsync("button[data-lang='en']");
        await Assertions.Expect(page.Locator(".topic").Nth(1)).ToHaveTextAsync("How long does a refund take to arrive?");
        await page.ClickAsync(".topic >> nth=1");

        await Assertions.Expect(FromCustomer(page, "How long does a refund take to arrive?")).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
        var answer = FromBot(page, "Timing starts once the refund details show");
        await Assertions.Expect(answer).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
        await Assertions.Expect(answer.Locator("strong", new() { HasText = "Refunded" })).ToBeVisibleAsync();
        await Assertions.Expect(answer.Locator("li strong", new() { HasText = "Alipay / WeChat Pay" })).ToBeVisibleAsync();

        await page.ClickAsync("#human-button");
        await Assertions.Expect(FromCustomer(page, "talk to a person")).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
        await ExpectBotSaysAsync(page, "ahead of you"); // in line for a person, in English (online or an offline ticket)

        // The switch kept the conversation: the Chinese welcome is still above, and no second token was asked for.
        await Assertions.Expect(FromBot(page, "您好！")).ToHaveCountAsync(1);
        Assert.Equal(1, Volatile.Read(ref tokenRequests));
        await session.ScreenshotAsync("chat-switched-to-en");
        Assert.Empty(session.Errors);
    }
}
