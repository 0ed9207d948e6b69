using System.Text.RegularExpressions;
using ServiceBot.Knowledge;

namespace ServiceBot.Bot.Turns;

/// <summary>
/// Rule-based recognition of the few things that are actions rather than questions: cancel, help, restart, a
/// human, and the refund journeys. Everything else goes to the dialog on top or to the knowledge base.
/// Interruptions must match the whole message (取消, cancel), so "取消订单怎么退款" stays a question.
/// </summary>
public static partial class IntentRecognizer
{
    private static readonly Dictionary<string, Intent> Interruptions = new(StringComparer.Ordinal)
    {
        ["取消"] = Intent.Cancel, ["算了"] = Intent.Cancel, ["不退了"] = Intent.Cancel, ["退出"] = Intent.Cancel,
        ["取消申请"] = Intent.Cancel, ["cancel"] = Intent.Cancel, ["stop"] = Intent.Cancel, ["never mind"] = Intent.Cancel, ["nevermind"] = Intent.Cancel, ["forget it"] = Intent.Cancel,
        ["帮助"] = Intent.Help, ["help"] = Intent.Help, ["怎么用"] = Intent.Help, ["你能做什么"] = Intent.Help, ["菜单"] = Intent.Help, ["menu"] = Intent.Help,
        ["重新开始"] = Intent.Restart, ["重来"] = Intent.Restart, ["从头开始"] = Intent.Restart, ["restart"] = Intent.Restart, ["start over"] = Intent.Restart,
        ["转人工"] = Intent.Human, ["人工"] = Intent.Human, ["人工客服"] = Intent.Human, ["转人工客服"] = Intent.Human, ["找人工"] = Intent.Human, ["真人客服"] = Intent.Human,
        ["我要人工"] = Intent.Human, ["human"] = Intent.Human, ["agent"] = Intent.Human, ["talk to a human"] = Intent.Human, ["talk to a person"] = Intent.Human, ["talk to an agent"] = Intent.Human,
        ["real person"] = Intent.Human, ["customer service agent"] = Intent.Human, ["找客服"] = Intent.Human, ["真人"] = Intent.Human, ["客服"] = Intent.Human,
        ["不等了"] = Intent.StopWaiting, ["不等了，返回机器人"] = Intent.StopWaiting, ["不等了,返回机器人"] = Intent.StopWaiting, ["取消排队"] = Intent.StopWaiting, ["返回机器人"] = Intent.StopWaiting,
        ["stop waiting"] = Intent.StopWaiting, ["back to the bot"] = Intent.StopWaiting,
        ["你好"] = Intent.Greeting, ["您好"] = Intent.Greeting, ["在吗"] = Intent.Greeting, ["hi"] = Intent.Greeting, ["hello"] = Intent.Greeting, ["hey"] = Intent.Greeting,
    };

    public static Intent Recognize(string text)
    {
        var folded = TextNormalizer.Fold(text).Trim().TrimEnd('。', '.', '!', '！', '?', '？', '~', ' ');
        if (folded.Length == 0)
        {
            return Intent.None;
        }

        if (Interruptions.TryGetValue(folded, out var interruption))
        {
            return interruption;
        }

        if (Greeting().IsMatch(folded))
        {
            return Intent.Greeting;
        }

        // Small talk is a reply, never a question for the knowledge base ("谢谢" would fall back).
        if (Thanks().IsMatch(folded))
        {
            return Intent.Thanks;
        }

        if (AboutBot().IsMatch(folded))
        {
            return Intent.AboutBot;
        }

        if (Question().IsMatch(folded))
        {
            // "退款多久到账" or "how long does a refund take" is a question for the knowledge base,
            // but "退款还没到账" / "where is my refund" are the customer's own case.
            return Withdraw().IsMatch(folded) ? Intent.WithdrawRequest
            : NotReceived().IsMatch(folded) ? Intent.RefundNotReceived : Progress().IsMatch(folded) ? Intent.RefundProgress : Intent.None;
        }

        return Withdraw().IsMatch(folded) ? Intent.WithdrawRequest
            : NotReceived().IsMatch(folded) ? Intent.RefundNotReceived
            : Progress().IsMatch(folded) ? Intent.RefundProgress
            : Shipment().IsMatch(folded) ? Intent.ReturnShipment
            : Respond().IsMatch(folded) ? Intent.RespondToMerchant
            : File().IsMatch(folded) ? Intent.FileRefund
            : Intent.None;
    }

    [GeneratedRegex(@"^(你好|您好|哈喽|嗨|hi|hello|hey|good (morning|afternoon|evening))( there| everyone)?[呀啊哇]?[,!~ ]*((请问)?(在吗|在不在))?$|^(在吗|在不在)$")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^((好的|好|嗯|ok|okay|好滴)[,! ]*)?(谢谢|谢了|谢啦|多谢|感谢|辛苦了|thanks?|thank you|thx|ty|cheers) ?(你|您|啦|了|哈|呀|a lot|so much|very much)?([,! ]*(再见|拜拜|bye))?$|^(再见|拜拜|bye|goodbye)$")]
    private static partial Regex Thanks();

    [GeneratedRegex(@"^(你|您)(是|是不是)(个|一个)?(机器人|真人|人工|ai|机器|人)(吗|吧|呢|啊)?$|^(are you|r u|is this) (a |an )?(bot|robot|human|real person|person|ai|machine)$")]
    private static partial Regex AboutBot();

    [GeneratedRegex("(撤销|撤回|取消)(我的)?(这个)?(退款|退货)(申请)?$|^(withdraw|cancel) (my |the )?(refund|return)( request)?$")]
    private static partial Regex Withdraw();

    [GeneratedRegex("多久|几天|怎么|如何|为什么|什么|哪些|能不能|可以吗|吗$|how |what |why |when |which |can i |^is |^are |^do |^does ")]
    private static partial Regex Question();

    [GeneratedRegex("(退款|钱).{0,4}没(有)?(到账|到帐|到|退回来|收到)|没收到退款|refund (has not|hasn't|hasnt|not|never) (arrived|come|been received)|refund not (received|arrived)|(haven't|havent|have not|didn't|didnt|not) (received|got|get) (my |the )?refund")]
    private static partial Regex NotReceived();

    [GeneratedRegex("退款进度|退款状态|我的退款|查(一下|询)?(我的)?退款|退款(到哪|处理到哪|怎么样了)|售后进度|refund status|my refunds?$|track (my )?refund|where is my refund|check (my )?refund")]
    private static partial Regex Progress();

    [GeneratedRegex("填(写)?(退货)?(物流|快递)?单号|填(写)?(退货)?物流|寄回|退货物流|已经寄出|寄出去了|填物流|(enter|add|submit) (the |a |my )?tracking|ship(ped)? (it |the item |the return )?back|return shipment")]
    private static partial Regex Shipment();

    [GeneratedRegex("申请平台介入|平台介入|接受(商家)?(的)?(方案|部分退款|协商)|补充凭证|(request|ask for) (platform )?intervention|accept (the )?(offer|counter.?offer)|add evidence")]
    private static partial Regex Respond();

    [GeneratedRegex("(我要|我想|想要|要|申请|帮我|办理|发起)(申请)?(退款|退货|退钱)|^(退款|退货|退货退款|仅退款)$|^(i )?(want|would like|'d like|need) (to )?(get |make |request |ask for )?(a )?(refund|return)|^(request|start|file|make) (a )?refund|^refund( please)?$|^return (an |my |this )?(item|order)")]
    private static partial Regex File();
}
