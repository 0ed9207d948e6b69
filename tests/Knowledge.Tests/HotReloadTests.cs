using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Knowledge.Hosting;
using ServiceBot.Knowledge.Search;
using ServiceBot.Knowledge.Tests.Specs;

namespace ServiceBot.Knowledge.Tests;

/// <summary>A running knowledge host sees edits, survives a broken edit, and sees the fix — without restart.</summary>
public sealed class HotReloadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly TempFolder _folder = new();
    private readonly KnowledgeHost _host;

    public HotReloadTests()
    {
        MiniKnowledge.WriteTo(_folder);
        _host = new KnowledgeHost(_folder.Path, new SearchThresholds(), NullLogger<KnowledgeHost>.Instance);
        _host.Start();
    }

    public void Dispose()
    {
        _host.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Sees_an_edit_survives_a_broken_edit_and_sees_the_fix()
    {
        Assert.True(_host.Status.Ready);
        Assert.Equal("拨打 400-820-6688。", Answer("客服电话是多少？"));

        // 1. An edit goes live.
        MiniKnowledge.Entry(_folder, "zh-CN", "hotline", "客服电话是多少？", ["打电话找客服", "热线电话"], "请拨打 {{policy.hotline}}，按 1 转人工。");
        await Until(() => Answer("客服电话是多少？") == "请拨打 400-820-6688，按 1 转人工。");
        var generation = _host.Status.Generation;

        // 2. A broken edit is rejected: the last good base keeps serving and the error is visible.
        _folder.Write("faq/zh-CN/hotline.md", "---\nid: hotline\nquestion: [broken\n---\n坏掉的正文\n");
        await Until(() => !_host.Status.LastAttemptSucceeded);
        Assert.Equal("请拨打 400-820-6688，按 1 转人工。", Answer("客服电话是多少？"));
        Assert.Equal(generation, _host.Status.Generation);
        Assert.Contains(_host.Status.Problems, p => p.ToString().Contains("hotline.md:", StringComparison.Ordinal) && p.ToString().Contains(": error: invalid YAML", StringComparison.Ordinal));

        // 3. The fix goes live.
        MiniKnowledge.Entry(_folder, "zh-CN", "hotline", "客服电话是多少？", ["打电话找客服", "热线电话"], "热线 {{policy.hotline}}。");
        await Until(() => Answer("客服电话是多少？") == "热线 400-820-6688。");
        Assert.True(_host.Status.LastAttemptSucceeded);
        Assert.True(_host.Status.Generation > generation);
    }

    [Fact]
    public async Task Sees_added_and_deleted_files()
    {
        MiniKnowledge.Entry(_folder, "zh-CN", "invoice", "怎么开发票？", ["发票在哪开", "要发票"], "在订单详情页申请开票。");
        MiniKnowledge.Entry(_folder, "en", "invoice", "How do I get an invoice?", ["invoice please", "need a receipt"], "Request it on the order page.");
        await Until(() => _host.Current?.Find("invoice", "zh-CN") is not null);
        Assert.Equal("invoice", _host.Current!.Search("怎么开发票").Top?.Entry.Id);

        File.Delete(Path.Combine(_folder.Path, "faq/zh-CN/invoice.md"));
        File.Delete(Path.Combine(_folder.Path, "faq/en/invoice.md"));
        await Until(() => _host.Current?.Find("invoice", "zh-CN") is null);
    }

    [Fact]
    public async Task A_policy_change_reaches_every_answer()
    {
        _folder.Write("policy.yaml", "days: 3\nhotline: 400-820-6688\n");
        await Until(() => Answer("退款多久能到账？") == "退款一般 3 天内原路到账。");
    }

    private string? Answer(string question) => _host.Current?.Search(question).Top?.Answer.Text;

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the change was not picked up");
            await Task.Delay(50);
        }
    }
}
