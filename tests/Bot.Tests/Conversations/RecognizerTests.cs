using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Tests.Conversations;

public sealed class RecognizerTests
{
    private static readonly List<Choice> Types =
    [
        new() { Value = "RefundOnly", Title = "仅退款", Synonyms = "只退款|不退货|refund only" },
        new() { Value = "ReturnAndRefund", Title = "退货退款", Synonyms = "退货|return" },
    ];

    private static readonly List<Choice> Reasons =
    [
        new() { Value = "NoReason", Title = "七天无理由" },
        new() { Value = "QualityIssue", Title = "质量问题" },
        new() { Value = "WrongSize", Title = "尺寸不符", Synonyms = "尺码不对|太小" },
        new() { Value = "NotAsDescribed", Title = "商品与描述不符" },
    ];

    [Theory]
    [InlineData("1", 0)]
    [InlineData("2", 1)]
    [InlineData("第二个", 1)]
    [InlineData("第2个", 1)]
    [InlineData("②", 1)]
    [InlineData("two", 1)]
    [InlineData("the second one", 1)]
    [InlineData("选1", 0)]
    [InlineData("仅退款", 0)]
    [InlineData("退货退款", 1)]
    [InlineData("退货", 1)]
    [InlineData("只退款", 0)]
    [InlineData("Refund only", 0)]
    [InlineData("僅退款", 0)]
    [InlineData("3", -1)]
    [InlineData("退款", -1)]
    [InlineData("香蕉", -1)]
    [InlineData("", -1)]
    public void Recognizes_a_choice_by_number_title_part_or_synonym(string text, int expected) =>
        Assert.Equal(expected, ChoiceRecognizer.Recognize(text, Types));

    [Theory]
    [InlineData("质量", 1)]
    [InlineData("尺码不对", 2)]
    [InlineData("衣服太小了", 2)]
    [InlineData("描述不符", 3)]
    [InlineData("第四个", 3)]
    public void Recognizes_reasons_from_partial_words(string text, int expected) =>
        Assert.Equal(expected, ChoiceRecognizer.Recognize(text, Reasons));

    [Theory]
    [InlineData("59.9", "59.9")]
    [InlineData("59.90", "59.90")]
    [InlineData("¥59.9", "59.9")]
    [InlineData("￥59.90元", "59.90")]
    [InlineData("59元", "59")]
    [InlineData("59块9", "59.9")]
    [InlineData("59块9毛", "59.9")]
    [InlineData("59元9角5分", "59.95")]
    [InlineData("五十九块九", "59.9")]
    [InlineData("一百零五块", "105")]
    [InlineData("两千元", "2000")]
    [InlineData("全额", "199.00")]
    [InlineData("full", "199.00")]
    [InlineData("１２.５", "12.5")]
    public void Reads_amounts_as_customers_type_them(string text, string expected)
    {
        var (amount, problem) = AmountRecognizer.Recognize(text, 199.00m);
        Assert.Equal(AmountRecognizer.Problem.None, problem);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("59.999", AmountRecognizer.Problem.TooManyDecimals)]
    [InlineData("abc", AmountRecognizer.Problem.NotAnAmount)]
    [InlineData("59.9.9", AmountRecognizer.Problem.NotAnAmount)]
    [InlineData("", AmountRecognizer.Problem.NotAnAmount)]
    public void Refuses_what_is_not_an_amount(string text, AmountRecognizer.Problem expected) =>
        Assert.Equal(expected, AmountRecognizer.Recognize(text, 100m).Problem);

    [Theory]
    [InlineData("是", true)]
    [InlineData("确认", true)]
    [InlineData("好的", true)]
    [InlineData("yes", true)]
    [InlineData("OK", true)]
    [InlineData("不", false)]
    [InlineData("修改", false)]
    [InlineData("no", false)]
    [InlineData("也许吧", null)]
    public void Reads_yes_and_no(string text, bool? expected) => Assert.Equal(expected, ConfirmRecognizer.Recognize(text));

    [Theory]
    [InlineData("取消", Intent.Cancel)]
    [InlineData("算了", Intent.Cancel)]
    [InlineData("不退了", Intent.Cancel)]
    [InlineData("cancel", Intent.Cancel)]
    [InlineData("帮助", Intent.Help)]
    [InlineData("重新开始", Intent.Restart)]
    [InlineData("转人工", Intent.Human)]
    [InlineData("人工客服", Intent.Human)]
    [InlineData("talk to a human", Intent.Human)]
    [InlineData("Talk to a person", Intent.Human)]
    [InlineData("你好，我要退款", Intent.FileRefund)]
    [InlineData("我要退货", Intent.FileRefund)]
    [InlineData("申请退款", Intent.FileRefund)]
    [InlineData("I want a refund", Intent.FileRefund)]
    [InlineData("退款进度", Intent.RefundProgress)]
    [InlineData("我的退款", Intent.RefundProgress)]
    [InlineData("refund status", Intent.RefundProgress)]
    [InlineData("退款还没到账", Intent.RefundNotReceived)]
    [InlineData("我的退款怎么还没到账", Intent.RefundNotReceived)]
    [InlineData("I haven't received my refund", Intent.RefundNotReceived)]
    [InlineData("填写退货物流", Intent.ReturnShipment)]
    [InlineData("申请平台介入", Intent.RespondToMerchant)]
    [InlineData("接受方案", Intent.RespondToMerchant)]
    [InlineData("hello there", Intent.Greeting)]
    [InlineData("Hi!", Intent.Greeting)]
    [InlineData("你好呀", Intent.Greeting)]
    [InlineData("您好，请问在吗", Intent.Greeting)]
    [InlineData("谢谢", Intent.Thanks)]
    [InlineData("好的，谢谢！", Intent.Thanks)]
    [InlineData("謝謝你", Intent.Thanks)]
    [InlineData("thanks a lot", Intent.Thanks)]
    [InlineData("Thank you, bye", Intent.Thanks)]
    [InlineData("谢谢，退款多久到账", Intent.None)] // a question after the thanks is still a question
    [InlineData("你是机器人吗", Intent.AboutBot)]
    [InlineData("Are you a bot?", Intent.AboutBot)]
    [InlineData("你是不是真人", Intent.AboutBot)]
    [InlineData("撤销退款申请", Intent.WithdrawRequest)]
    [InlineData("我要取消我的退款申请", Intent.WithdrawRequest)]
    [InlineData("withdraw my refund request", Intent.WithdrawRequest)]
    [InlineData("退款多久到账", Intent.None)]
    [InlineData("怎么申请退款", Intent.None)]
    [InlineData("取消订单怎么退款", Intent.None)]
    [InlineData("how long does a refund take", Intent.None)]
    public void Tells_actions_from_questions(string text, Intent expected) => Assert.Equal(expected, IntentRecognizer.Recognize(text));
}
