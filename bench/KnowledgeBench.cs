using System.Diagnostics;
using System.Globalization;
using System.Text;
using ServiceBot.Knowledge;
using ServiceBot.Knowledge.Loading;

namespace ServiceBot.Bench;

/// <summary>
/// Builds a knowledge base from N generated entry files (load + lint + render + index, timed after one warm-up
/// build so analyzer dictionaries are loaded) and runs Q customer-like queries single-threaded.
/// </summary>
internal static class KnowledgeBench
{
    private static readonly string[] Contexts = ["生鲜", "数码", "衣服", "鞋子", "家电", "家具", "图书", "美妆", "母婴", "零食", "手机", "电脑", "玩具", "宠物用品", "定制", "虚拟", "充值卡", "大件", "海外购", "预售"];
    private static readonly string[] Subjects = ["退款", "退货", "换货", "运费", "快递", "商家", "售后", "发票", "订单", "凭证", "赔偿", "维修", "保价", "优惠券", "积分"];
    private static readonly string[] Actions = ["多久到账", "怎么申请", "被拒绝了怎么办", "能不能取消", "在哪里查看", "需要什么材料", "谁来承担", "超时了怎么办", "可以改吗", "有什么规定"];
    private static readonly string[] EnContexts = ["fresh food", "electronics", "clothes", "shoes", "appliances", "furniture", "books", "cosmetics", "baby goods", "snacks", "phones", "laptops", "toys", "pet supplies", "custom goods", "virtual goods", "gift cards", "bulky items", "imports", "pre-orders"];
    private static readonly string[] EnSubjects = ["refund", "return", "exchange", "shipping fee", "courier", "seller", "after-sales", "invoice", "order", "evidence", "compensation", "repair", "price protection", "coupon", "points"];
    private static readonly string[] EnActions = ["how long does it take", "how do I apply", "what if it is rejected", "can I cancel it", "where can I see it", "what do I need", "who pays", "what if it is late", "can I change it", "what are the rules"];

    public static int Run(BenchOptions options)
    {
        var entryCount = options.Int("entries", 1000);
        var queryCount = options.Int("queries", 10000);
        var random = new Random(options.Int("seed", 1));
        var root = Path.Combine(Path.GetTempPath(), "servicebot-bench-kb-" + Environment.ProcessId);
        try
        {
            var questions = Generate(root, entryCount);
            using (KnowledgeBase.Build(KnowledgeLoader.Load(root)))
            {
                // Warm-up: loads SmartCn's dictionaries and JITs the build path; not part of the figure.
            }

            var watch = Stopwatch.StartNew();
            var source = KnowledgeLoader.Load(root);
            var loadMs = watch.Elapsed.TotalMilliseconds;
            using var knowledge = KnowledgeBase.Build(source);
            var buildMs = watch.Elapsed.TotalMilliseconds;
            if (source.HasErrors)
            {
                Console.Error.WriteLine(string.Join('\n', source.Problems.Where(p => p.Severity == Knowledge.Model.Severity.Error).Take(5)));
                return 1;
            }

            var queries = Enumerable.Range(0, queryCount).Select(_ => Perturb(questions[random.Next(questions.Count)], random)).ToList();
            foreach (var query in queries.Take(500))
            {
                knowledge.Search(query);
            }

            var latencies = new List<double>(queryCount);
            var answered = 0;
            foreach (var query in queries)
            {
                var start = Stopwatch.GetTimestamp();
                var result = knowledge.Search(query);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                answered += result.Top is null ? 0 : 1;
            }

            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c,
                $"{{\"bench\":\"kb\",\"entries\":{knowledge.Count},\"build_ms\":{buildMs:F1},\"load_ms\":{loadMs:F1},\"queries\":{queryCount},\"p50_ms\":{Percentiles.Of(latencies, 50):F3},\"p99_ms\":{Percentiles.Of(latencies, 99):F3},\"with_hits\":{answered}}}"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Writes N entries (half zh-CN, half en, each with 4 alternates and a body) and returns phrasings to query.</summary>
    private static List<string> Generate(string root, int count)
    {
        Directory.CreateDirectory(Path.Combine(root, "faq", "zh-CN"));
        Directory.CreateDirectory(Path.Combine(root, "faq", "en"));
        File.WriteAllText(Path.Combine(root, "policy.yaml"), "days: 7\n");
        var questions = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (c, s, a) = (i % Contexts.Length, i / Contexts.Length % Subjects.Length, i / (Contexts.Length * Subjects.Length) % Actions.Length);
            var zh = i % 2 == 0;
            var id = "e" + i.ToString(CultureInfo.InvariantCulture);
            var question = zh ? $"{Contexts[c]}的{Subjects[s]}{Actions[a]}？" : $"{EnSubjects[s]} for {EnContexts[c]}: {EnActions[a]}?";
            string[] alternates = zh
                ? [$"{Contexts[c]}{Subjects[s]}{Actions[a]}", $"{Subjects[s]} {Contexts[c]} {Actions[a]}啊", $"请问{Contexts[c]}类商品{Subjects[s]}{Actions[a]}", $"{Contexts[c]}买的 {Subjects[s]}咋{Actions[a][..2]}"]
                : [$"{EnContexts[c]} {EnSubjects[s]} {EnActions[a]}", $"{EnSubjects[s]} {EnContexts[c]} {EnActions[a]}?", $"{EnActions[a]} with {EnSubjects[s]} on {EnContexts[c]}", $"question about {EnSubjects[s]} of {EnContexts[c]}: {EnActions[a]}"];
            var body = zh
                ? $"关于**{Contexts[c]}**商品的{Subjects[s]}：请在我的订单中找到对应订单，按页面提示操作，一般 {{{{policy.days}}}} 天内处理完毕。如有疑问可联系在线客服。"
                : $"For **{EnContexts[c]}**, {EnSubjects[s]} requests are handled from My Orders, usually within {{{{policy.days}}}} days. Contact online service if anything is unclear.";
            var text = new StringBuilder()
                .Append("---\nid: ").Append(id)
                .Append("\nquestion: \"").Append(question)
                .Append("\"\nalternates: [").Append(string.Join(", ", alternates.Select(x => $"\"{x}\"")))
                .Append("]\n---\n").Append(body).Append('\n')
                .ToString();
            File.WriteAllText(Path.Combine(root, "faq", zh ? "zh-CN" : "en", id + ".md"), text);
            questions.Add(question);
            questions.AddRange(alternates);
        }

        return questions;
    }

    /// <summary>Customer-like noise: drop or swap a character, or add a filler word.</summary>
    private static string Perturb(string text, Random random)
    {
        if (text.Length < 4)
        {
            return text;
        }

        var i = random.Next(1, text.Length - 1);
        return random.Next(4) switch
        {
            0 => text.Remove(i, 1),
            1 => string.Concat(text.AsSpan(0, i - 1), text[i].ToString(), text[i - 1].ToString(), text.AsSpan(i + 1)),
            2 => text + (text.Any(ch => ch > 0x2e80) ? " 谢谢" : " thanks"),
            _ => text,
        };
    }
}
