using ServiceBot.Knowledge.Tests.Specs;

namespace ServiceBot.Knowledge.Tests;

/// <summary>A small knowledge folder written by the test itself, so search behaviour is tested apart from real content.</summary>
public static class MiniKnowledge
{
    public static void WriteTo(TempFolder folder)
    {
        folder.Write("policy.yaml", "days: 7\nhotline: 400-820-6688\n");
        folder.Write("synonyms/zh-CN.txt", "退款 = 退钱, refund\n商家 = 卖家, 店家\n");
        folder.Write("synonyms/en.txt", "refund = money back\nseller = merchant, shop\n");
        Entry(folder, "zh-CN", "arrival", "退款多久能到账？", ["退款几天到", "钱什么时候回来"], "退款一般 {{policy.days}} 天内原路到账。");
        Entry(folder, "zh-CN", "contact-seller", "怎么联系商家？", ["怎么找卖家聊天", "商家联系方式"], "在订单页点 **联系卖家**。");
        Entry(folder, "zh-CN", "hotline", "客服电话是多少？", ["打电话找客服", "热线电话"], "拨打 {{policy.hotline}}。");
        Entry(folder, "en", "arrival", "How long does a refund take to arrive?", ["when will I get my refund", "refund arrival time"], "Usually within {{policy.days}} days.");
        Entry(folder, "en", "contact-seller", "How do I contact the seller?", ["talk to the seller", "message the seller"], "Tap **Contact Seller** on the order page.");
        Entry(folder, "en", "hotline", "What is the customer service phone number?", ["call customer service", "hotline number"], "Call {{policy.hotline}}.");
    }

    public static void Entry(TempFolder folder, string locale, string id, string question, string[] alternates, string body, string[]? followups = null) =>
        folder.Write($"faq/{locale}/{id}.md",
            $"---\nid: {id}\nquestion: \"{question}\"\nalternates: [{string.Join(", ", alternates.Select(a => $"\"{a}\""))}]\n" +
            (followups is null ? "" : $"followups: [{string.Join(", ", followups)}]\n") + $"---\n{body}\n");
}
