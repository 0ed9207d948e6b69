using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Conversations;

namespace ServiceBot.Bot.Tests.Conversations;

/// <summary>
/// Transcripts of every customer journey over the real turn pipeline, run on both stores (see the two subclasses
/// at the end). Texts are the bot's resource texts in zh-CN and en.
/// </summary>
public abstract class RefundTranscripts(StoreKind store)
{
    private const string Headphones = "202406180001";   // c-alice: delivered 2 days ago, ¥1899.00, wallet
    private const string Crabs = "202406150002";        // c-alice: fresh food
    private const string TopUp = "202406200003";        // c-alice: virtual top-up
    private const string TShirt = "202406210004";       // c-alice: shipped, not delivered
    private const string Toothbrush = "202405200005";   // c-alice: delivered 30 days ago
    private const string Flask = "202406220006";        // c-alice: unpaid
    private const string BobsPen = "202406100011";      // c-bob's order
    private const string PictureBooks = "202406180021"; // c-carol: delivered, ¥126.40

    private TestBot Bot(string customer = "c-alice") => TestBot.Create(store, customer);

    [Fact]
    public async Task Files_a_refund_in_chinese_from_start_to_submission()
    {
        await using var bot = Bot();
        await bot.Flow()
            .Send("你好，我要退款").AssertReply("先在订单页点“联系卖家”").AssertReply(r =>
            {
                Assert.Contains("请问是哪个订单", r.Text, StringComparison.Ordinal);
                Assert.Equal(InputHints.ExpectingInput, r.InputHint);
                Assert.Contains(r.SuggestedActions!.Actions, a => a.Title.StartsWith(Headphones, StringComparison.Ordinal));
            })
            .Send(Headphones).AssertReply("已选择订单", "索尼").AssertActions("仅退款", "退货退款")
            .Send("退货退款").AssertReply("请选择退款原因")
            .Send("尺寸不符").AssertReply("本单实付 ¥1899.00")
            .Send("全额").AssertReply("可以上传照片作为凭证")
            .Send("跳过").AssertReply("订单：202406180001", "类型：退货退款", "原因：尺寸不符", "金额：¥1899.00", "凭证：0 张")
            .Send("提交").AssertReply("退款申请已提交", "2 天内处理")
            .RunAsync();

        var request = Assert.Single(await bot.Refunds.ListForCustomerAsync("c-alice"));
        Assert.Equal((Headphones, RefundType.ReturnAndRefund, RefundReason.WrongSize, 1899.00m, RefundState.Submitted),
            (request.OrderId, request.Type, request.Reason, request.Amount, request.State));
        Assert.Equal(bot.ConversationId, request.ConversationId);
    }

    [Fact]
    public async Task Files_a_refund_in_english_with_a_partial_amount_and_evidence()
    {
        await using var bot = Bot("c-carol");
        await bot.Flow()
            .Send("I want a refund").AssertReply("Contact seller").AssertReply("Which order is it?")
            .Send(PictureBooks).AssertReply("Order:", "picture book").AssertReply("Which kind of refund")
            .Send("refund only").AssertReply("What is the reason")
            .Send("quality problem").AssertReply("You paid ¥126.40")
            .Send("¥59.9").AssertReply("Evidence is required")
            .Send("done").AssertReply("At least one photo is needed").AssertReply("Evidence is required")
            .Send("", TestBot.Images(2)).AssertReply("Received 2 of at most 6 images")
            .Send("done").AssertReply("Amount: ¥59.90", "Evidence: 2 image(s)")
            .Send("yes").AssertReply("has been submitted")
            .RunAsync();

        var request = Assert.Single(await bot.Refunds.ListForCustomerAsync("c-carol"));
        Assert.Equal(59.90m, request.Amount);
        Assert.Equal(2, request.Evidence.Count);
    }

    [Theory]
    [InlineData("12345", "订单号是 12 位数字")]
    [InlineData("香蕉", "请选择一个订单")]
    [InlineData(BobsPen, "没有找到订单 " + BobsPen)]
    [InlineData("999999999999", "没有找到订单 999999999999")]
    [InlineData(Flask, "还没有付款")]
    [InlineData(Toothbrush, "已超过售后期限")]
    public async Task Refuses_an_order_it_cannot_refund_and_asks_again(string input, string explanation)
    {
        await using var bot = Bot();
        await bot.Flow()
            .Send("我要退款").AssertReply("联系卖家").AssertReply("请问是哪个订单")
            .Send(input).AssertReply(explanation, "12 位订单号")
            .Send(Headphones).AssertReply("已选择订单").AssertReply("请选择退款类型")
            .RunAsync();
    }

    [Fact]
    public async Task Offers_only_the_types_and_reasons_that_make_sense()
    {
        await using var bot = Bot();
        await bot.Flow()
            .Send("申请退款").AssertReply("联系卖家").AssertReply("请问是哪个订单")
            .Send(TopUp).AssertReply("已选择订单").AssertReply("不支持无理由退货").AssertReply("退款类型为 **仅退款**").AssertReply(r => Assert.DoesNotContain(r.SuggestedActions!.Actions, a => a.Title == "七天无理由"))
            .Send("取消").AssertReply("已为您取消")
            .Send("申请退款").AssertReply("联系卖家").AssertReply("请问是哪个订单")
            .Send(TShirt).AssertReply("已选择订单").AssertReply("退款类型为 **仅退款**").AssertReply(r => Assert.Contains(r.SuggestedActions!.Actions, a => a.Title == "未收到货"))
            .Send("取消").AssertReply("已为您取消")
            .Send("申请退款").AssertReply("联系卖家").AssertReply("请问是哪个订单")
            .Send(Crabs).AssertReply("已选择订单").AssertReply("不支持无理由退货").AssertReply("请选择退款类型")
            .Send("仅退款").AssertReply(r => Assert.DoesNotContain(r.SuggestedActions!.Actions, a => a.Title == "七天无理由"))
            .RunAsync();
    }

    [Theory]
    [InlineData("2000", "不能超过订单实付金额")]
    [InlineData("0", "需要大于 0")]
    [InlineData("59.999", "最多保留两位小数")]
    [InlineData("一些钱", "没有识别出金额")]
    public async Task Validates_the_amount(string amount, string error)
    {
        await using var bot = Bot();
        await ToAmountStep(bot.Flow())
            .Send(amount).AssertReply(error, "本单实付 ¥1899.00")
            .Send("59块9").AssertReply("可以上传照片")
            .RunAsync();
    }

    [Fact]
    public async Task Refuses_attachments_that_are_not_images()
    {
        await using var bot = Bot();
        await ToAmountStep(bot.Flow(), reason: "质量问题")
            .Send("100").AssertReply("需要提供凭证")
            .Send("", [new Attachment("application/pdf", "https://files.example/a.pdf", "a.pdf", 1000)]).AssertReply("请发送图片")
            .Send("", [new Attachment("image/png", "https://files.example/big.png", "big.png", 50L * 1024 * 1024)]).AssertReply("图片太大了")
            .Send("", TestBot.Images(1)).AssertReply("已收到 1 张图片")
            .Send("完成").AssertReply("凭证：1 张")
            .RunAsync();
    }

    [Fact]
    public async Task Refuses_more_images_than_allowed_and_stops_at_the_limit()
    {
        await using var bot = Bot();
        await ToAmountStep(bot.Flow(), reason: "质量问题")
            .Send("100").AssertReply("需要提供凭证")
            .Send("", TestBot.Images(7)).AssertReply("超过了上限", "最多 6 张")
            .Send("", TestBot.Images(4)).AssertReply("已收到 4 张图片")
            .Send("", TestBot.Images(3)).AssertReply("最多保存 6 张图片，多出的 1 张没有保存").AssertReply("凭证：6 张")
            .RunAsync();
    }

    [Fact]
    public async Task Edits_a_field_from_the_summary_and_returns_to_it()
    {
        await using var bot = Bot();
        await ToAmountStep(bot.Flow())
            .Send("全额").AssertReply("可以上传照片")
            .Send("跳过").AssertReply("金额：¥1899.00")
            .Send("修改").AssertReply("要修改哪一项")
            .Send("退款金额").AssertReply("本单实付")
            .Send("100").AssertReply("金额：¥100.00", "原因：尺寸不符")
            .Send("修改").AssertReply("要修改哪一项")
            .Send("原因").AssertReply("请选择退款原因")
            .Send("七天无理由").AssertReply("原因：七天无理由", "金额：¥100.00")
            .Send("确认").AssertReply("退款申请已提交")
            .RunAsync();
    }

    [Fact]
    public async Task Answers_a_question_in_the_middle_and_resumes_at_the_same_step()
    {
        await using var bot = Bot();
        await ToAmountStep(bot.Flow())
            .Send("退款多久能到账？").AssertReply("到账").AssertReply("本单实付 ¥1899.00")
            .Send("88.50").AssertReply("可以上传照片")
            .RunAsync();
    }

    [Fact]
    public async Task Interruptions_cancel_help_human_and_restart_work_mid_dialog()
    {
        await using var bot = Bot();
        await ToAmountStep(bot.Flow())
            .Send("帮助").AssertReply("我可以帮您").AssertReply("本单实付")
            .Send("转人工").AssertReply(HumanReply("zh"))
            .Send("50").AssertSomeReply("转人工")
            .Send("我要退款").AssertReply("联系卖家").AssertReply("请问是哪个订单")
            .Send("重新开始").AssertReply("联系卖家").AssertReply("请问是哪个订单")
            .Send("算了").AssertReply("已为您取消")
            .Send("取消").AssertReply("当前没有正在办理的事项")
            .RunAsync();
        Assert.Empty(await bot.Refunds.ListForCustomerAsync("c-alice"));
    }

    [Fact]
    public async Task Three_failed_answers_at_one_step_bring_in_a_person_and_a_fresh_start_still_works()
    {
        await using var bot = Bot();
        await ToAmountStep(bot.Flow())
            .Send("abc").AssertReply("没有识别出金额")
            .Send("xyz").AssertReply("没有识别出金额")
            .Send("???").AssertReply("正在为您转接人工客服").AssertSomeReply(HumanReply("zh"))
            .Send("重新开始").AssertReply("联系卖家").AssertReply("请问是哪个订单")
            .RunAsync();
    }

    /// <summary>What asking for a person shows: the hotline without an agent queue (memory), the place in line on Redis.</summary>
    private string HumanReply(string language) => (store, language) switch
    {
        (StoreKind.Memory, _) => "400-820-6688",
        (_, "zh") => "前面还有",
        _ => "ahead of you",
    };

    [Fact]
    public async Task Speaks_english_for_interruptions_questions_progress_and_the_human_stub()
    {
        await using var bot = Bot("c-carol");
        await bot.Flow()
            .Send("hello there").AssertReply("I can answer refund questions")
            .Send("how long does a refund take to arrive").AssertReply(r => Assert.DoesNotContain(r.Text!, c => c is >= '\u4e00' and <= '\u9fff'))
            .Send("I want a refund").AssertReply("Contact seller").AssertReply("Which order is it?")
            .Send("help").AssertReply("Here is what I can do").AssertReply("Which order is it?")
            .Send("cancel").AssertReply("I've stopped that")
            .Send("refund status").AssertReply("no refund requests yet")
            .Send("talk to a human").AssertReply(HumanReply("en"))
            .RunAsync();
    }

    [Fact]
    public async Task Shows_progress_with_the_next_step()
    {
        await using var bot = Bot();
        await bot.Flow()
            .Send("退款进度").AssertReply("没有退款申请")
            .RunAsync();
        await SubmitAsync(bot);
        await bot.Flow()
            .Send("我的退款").AssertReply("待商家处理", "下一步：等待商家审核")
            .RunAsync();
    }

    [Fact]
    public async Task Follows_rejection_intervention_approval_return_and_money_back_with_proactive_messages()
    {
        await using var bot = Bot();
        var id = await SubmitAsync(bot, reason: "质量问题", images: 1);
        await bot.Flow()
            .Do(() => bot.Refunds.MerchantRejectAsync("m-digital", id, "商品无质量问题"))
            .AssertProactive("商家拒绝了退款申请")
            .Send("申请平台介入").AssertReply("商家拒绝了申请", "商品无质量问题").AssertReply("请简要说明问题")
            .Send("耳机左耳完全没有声音，已上传照片").AssertReply("已申请平台介入", "3 个工作日")
            .AssertProactive()
            .Do(() => bot.Refunds.PlatformDecideAsync(id, approve: true, "商品存在质量问题，支持退货退款"))
            .AssertProactive("平台判定支持", "请尽快寄回商品")
            .Send("填写退货物流").AssertReply("哪家快递")
            .Send("顺丰").AssertReply("请输入快递单号")
            .Send("123").AssertReply("8 到 20 位")
            .Send("SF1234567890").AssertReply("已登记退货物流", "SF1234567890")
            .Do(() => bot.Refunds.ConfirmReceiptAsync("m-digital", id))
            .AssertProactive("商家已收到", "正在原路退回")
            .Do(() => bot.Refunds.CompleteRefundAsync(id))
            .AssertProactive("已打款成功")
            .Send("退款还没到账").AssertReply("已于", "支付宝 / 微信支付", "1-3 个工作日")
            .RunAsync();

        var request = (await bot.Refunds.GetAsync(id))!;
        Assert.Equal(RefundState.Refunded, request.State);
        Assert.Equal(
            [RefundState.MerchantRejected, RefundState.PlatformReview, RefundState.Approved, RefundState.AwaitingReturn, RefundState.ReturnShipped, RefundState.MerchantReceived, RefundState.Refunding, RefundState.Refunded],
            request.History.Select(h => h.To).Where(s => s != RefundState.Submitted));
    }

    [Fact]
    public async Task Follows_the_long_path_in_english()
    {
        await using var bot = Bot("c-carol");
        await bot.Flow()
            .Send("I want a refund").AssertReply("Contact seller").AssertReply("Which order is it?")
            .Send(PictureBooks).AssertReply("Order:").AssertReply("Which kind of refund")
            .Send("return and refund").AssertReply("What is the reason")
            .Send("not as described").AssertReply("You paid ¥126.40")
            .Send("full").AssertReply("Evidence is required")
            .Send("", TestBot.Images(1)).AssertReply("Received 1 of at most 6 images")
            .Send("done").AssertReply("Type: Return and refund")
            .Send("submit").AssertReply("has been submitted")
            .RunAsync();
        var id = (await bot.Refunds.ListForCustomerAsync("c-carol")).Single().Id;
        await bot.Flow()
            .Do(() => bot.Refunds.MerchantRejectAsync("m-home", id, "The books are as described"))
            .AssertProactive("The merchant rejected refund request")
            .Send("request platform intervention").AssertReply("The merchant rejected request").AssertReply("describe the problem")
            .Send("Three of the ten books are missing from the set").AssertReply("Platform intervention requested", "3 working days")
            .Do(() => bot.Refunds.PlatformDecideAsync(id, approve: true, "Missing volumes confirmed"))
            .AssertProactive("decided in your favour", "please send the item back")
            .Send("enter the tracking number").AssertReply("Which carrier")
            .Send("SF Express").AssertReply("enter the tracking number")
            .Send("SF9876543210").AssertReply("Recorded: SF Express")
            .Do(() => bot.Refunds.ConfirmReceiptAsync("m-home", id))
            .AssertProactive("received the return", "being paid out")
            .Do(() => bot.Refunds.CompleteRefundAsync(id))
            .AssertProactive("has been paid out")
            .Send("I haven't received my refund").AssertReply("was sent on", "platform balance", "immediately")
            .RunAsync();
    }

    [Fact]
    public async Task Accepts_a_counter_offer()
    {
        await using var bot = Bot();
        var id = await SubmitAsync(bot);
        await bot.Flow()
            .Do(() => bot.Refunds.MerchantCounterOfferAsync("m-digital", id, new CounterOffer(300m, false, "可补偿 300 元，商品无需退回")))
            .AssertProactive("提出了协商方案")
            .Send("我不接受商家的方案").AssertReply("部分退款 ¥300.00").AssertActions("接受方案", "申请平台介入")
            .Send("接受方案").AssertReply("已接受协商方案", "¥300.00")
            .RunAsync();
        Assert.Equal(RefundState.Refunding, (await bot.Refunds.GetAsync(id))!.State);
    }

    [Fact]
    public async Task A_negated_confirmation_does_not_submit()
    {
        await using var bot = Bot();
        await ToAmountStep(bot.Flow())
            .Send("全额").AssertReply("可以上传照片")
            .Send("不用了").AssertReply("请确认退款申请")
            .Send("先不提交").AssertReply("要修改哪一项")
            .RunAsync();
        Assert.Empty(await bot.Refunds.ListForCustomerAsync("c-alice"));
    }

    [Fact]
    public async Task A_question_that_mentions_a_choice_is_answered_not_taken_as_the_choice()
    {
        await using var bot = Bot();
        await bot.Flow()
            .Send("我要退款").AssertReply("联系卖家").AssertReply("请问是哪个订单")
            .Send(Headphones).AssertReply("已选择订单").AssertReply("请选择退款类型")
            .Send("退货的运费谁来出？").AssertReply("运费").AssertReply("请选择退款类型")
            .RunAsync();
    }

    [Fact]
    public async Task An_exchange_offer_cannot_be_accepted_as_money_and_a_refused_action_is_explained()
    {
        await using var bot = Bot();
        var id = await SubmitAsync(bot);
        await bot.Refunds.MerchantCounterOfferAsync("m-digital", id, new CounterOffer(null, true, "可以换一副新的"));
        await bot.Refunds.PlatformDecideAsync(id, approve: false, "not needed").ContinueWith(_ => Task.CompletedTask);
        await bot.Flow()
            .Send("申请平台介入").AssertSomeReply("请简要说明问题")
            .Send("换货不能解决问题，耳机本身设计有缺陷").AssertReply(r => Assert.True(
                r.Text!.Contains("已申请平台介入", StringComparison.Ordinal) || r.Text.Contains("无法办理", StringComparison.Ordinal), r.Text))
            .RunAsync();
    }

    [Fact]
    public async Task Another_customer_writing_into_a_conversation_is_refused_and_changes_nothing()
    {
        await using var alice = Bot();
        await alice.Flow().Send("我要退款").AssertReply("联系卖家")
            .AssertReply(r => Assert.Contains(r.SuggestedActions!.Actions, a => a.Title.Contains(Headphones, StringComparison.Ordinal))).RunAsync();
        var before = await alice.Store.PeekAsync(alice.ConversationId);

        foreach (var text in new[] { "帮助", "重新开始", "取消" })
        {
            var bob = alice.Message(text) with { From = new ChannelAccount("c-bob") };
            await Assert.ThrowsAsync<ConversationAccessDeniedException>(() => alice.Processor.ProcessAsync(bob));
        }

        var after = await alice.Store.PeekAsync(alice.ConversationId);
        Assert.Equal((before.Version, before.CustomerId, before.Stack.Count), (after.Version, after.CustomerId, after.Stack.Count));
        // The owner's dialog is where it was: the order is still asked for.
        await alice.Flow().Send(Headphones).AssertReply("已选择订单").AssertReply("请选择退款类型").RunAsync();
    }

    [Fact]
    public async Task A_message_over_the_limit_is_refused_politely_and_the_dialog_keeps_its_step()
    {
        await using var bot = Bot();
        await bot.Flow().Send("我要退款").AssertReply("联系卖家").AssertReply("哪个订单").RunAsync();
        var before = await bot.Store.PeekAsync(bot.ConversationId);

        var replies = await bot.Processor.ProcessAsync(bot.Message(new string('退', 2001)));

        Assert.Contains("2000", Assert.Single(replies).Text, StringComparison.Ordinal);
        Assert.Equal(before.Version, (await bot.Store.PeekAsync(bot.ConversationId)).Version);
        await bot.Flow().Send(Headphones).AssertReply("已选择订单").AssertReply("请选择退款类型").RunAsync();
    }

    [Fact]
    public async Task Withdraws_an_open_request_after_confirmation()
    {
        await using var bot = Bot();
        var id = await SubmitAsync(bot);
        await bot.Flow()
            .Send("撤销退款申请").AssertReply("确定撤销退款申请", id)
            .Send("先不撤销").AssertReply("保持不变")
            .Send("撤销退款申请").AssertReply("确定撤销退款申请")
            .Send("确认撤销").AssertReply("已撤销")
            .Send("撤销退款申请").AssertReply("没有可以撤销的退款申请")
            .RunAsync();
        Assert.Equal(RefundState.Cancelled, (await bot.Refunds.GetAsync(id))!.State);
    }

    [Fact]
    public async Task Actions_on_requests_that_do_not_exist_are_explained()
    {
        await using var bot = Bot();
        await bot.Flow()
            .Send("填写退货物流").AssertReply("没有需要寄回商品的退款申请")
            .Send("申请平台介入").AssertReply("没有需要回应商家的退款申请")
            .Send("退款还没到账").AssertReply("没有查到您的退款记录")
            .RunAsync();
    }

    [Fact]
    public async Task A_redelivered_message_is_processed_once()
    {
        await using var bot = Bot();
        var first = await bot.Processor.ProcessAsync(bot.Message("我要退款", id: "same"));
        var again = await bot.Processor.ProcessAsync(bot.Message("我要退款", id: "same"));
        Assert.NotEmpty(first);
        Assert.Empty(again);
    }

    private static TestFlow ToAmountStep(TestFlow flow, string reason = "尺寸不符") => flow
        .Send("我要退款").AssertReply("联系卖家").AssertReply("请问是哪个订单")
        .Send(Headphones).AssertReply("已选择订单").AssertReply("请选择退款类型")
        .Send("退货退款").AssertReply("请选择退款原因")
        .Send(reason).AssertReply("本单实付 ¥1899.00");

    private static async Task<string> SubmitAsync(TestBot bot, string reason = "尺寸不符", int images = 0)
    {
        var flow = ToAmountStep(bot.Flow(), reason).Send("全额").AssertReply("凭证");
        if (images > 0)
        {
            flow = flow.Send("", TestBot.Images(images)).AssertReply("已收到").Send("完成");
        }
        else
        {
            flow = flow.Send("跳过");
        }

        await flow.AssertReply("请确认退款申请").Send("提交").AssertReply("退款申请已提交").RunAsync();
        return (await bot.Refunds.ListForCustomerAsync(bot.CustomerId)).OrderByDescending(r => r.CreatedAt).First().Id;
    }
}

public sealed class InMemoryRefundTranscripts() : RefundTranscripts(StoreKind.Memory);

public sealed class RedisRefundTranscripts() : RefundTranscripts(StoreKind.Redis);
