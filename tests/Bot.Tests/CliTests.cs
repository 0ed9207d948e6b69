using System.Diagnostics;
using System.Text.Json;
using ServiceBot.Bot.Cli;

namespace ServiceBot.Bot.Tests;

/// <summary>The command-line contracts of design.md §3, run in-process and once as a real process.</summary>
public sealed class CliTests
{
    private static async Task<(int Exit, string Out, string Error)> Run(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BotCli.RunAsync(args, new ConsoleIo(new StringReader(input), output, error));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Ask_json_writes_one_contract_object_per_question_in_order()
    {
        var questions = new[] { "退款多久能到账", "how do I contact the seller", "发票怎么开", "", "😀" };
        var (exit, output, error) = await Run(string.Join('\n', questions) + "\n", "ask", "--json", "--path", RepositoryPaths.Knowledge);

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(questions.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            Assert.Equal(["question", "outcome", "id", "confidence", "answer", "suggestions"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(questions[i], root.GetProperty("question").GetString());
            var outcome = root.GetProperty("outcome").GetString();
            Assert.Contains(outcome, new[] { "answer", "clarify", "fallback" });
            Assert.InRange(root.GetProperty("confidence").GetDouble(), 0, 1);
            Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("answer").GetString()));
            Assert.Equal(outcome == "answer", root.GetProperty("id").ValueKind == JsonValueKind.String);
            foreach (var suggestion in root.GetProperty("suggestions").EnumerateArray())
            {
                Assert.False(string.IsNullOrEmpty(suggestion.GetProperty("id").GetString()));
                Assert.False(string.IsNullOrEmpty(suggestion.GetProperty("question").GetString()));
            }
        }

        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("refund-arrival-time", first.RootElement.GetProperty("id").GetString());
        using var invoice = JsonDocument.Parse(lines[2]);
        Assert.NotEqual("answer", invoice.RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Ask_with_a_forced_language_answers_in_it()
    {
        var (exit, output, _) = await Run("退款多久能到账\n", "ask", "--json", "--lang", "en", "--path", RepositoryPaths.Knowledge);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.DoesNotContain(json.RootElement.GetProperty("answer").GetString()!, c => c is >= '\u4e00' and <= '\u9fff');
    }

    [Fact]
    public async Task Ask_refuses_an_unknown_language()
    {
        var (exit, _, error) = await Run("x\n", "ask", "--json", "--lang", "fr", "--path", RepositoryPaths.Knowledge);
        Assert.Equal(2, exit);
        Assert.Contains("--lang must be zh or en", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_passes_on_the_repository_knowledge()
    {
        var (exit, output, _) = await Run("", "kb", "lint", "--path", RepositoryPaths.Knowledge);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain(": error:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_fails_with_path_line_messages_on_a_broken_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "servicebot-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "faq", "zh-CN"));
        await File.WriteAllTextAsync(Path.Combine(root, "policy.yaml"), "days: 7\n");
        await File.WriteAllTextAsync(Path.Combine(root, "faq", "zh-CN", "a.md"), "---\nid: a\nquestion: 问题\nfollowups: [b]\n---\n{{policy.nope}}\n");
        try
        {
            var (exit, output, _) = await Run("", "kb", "lint", "--path", root);
            Assert.Equal(1, exit);
            Assert.Contains("a.md:4: error: follow-up 'b' is not an entry id in zh-CN", output, StringComparison.Ordinal);
            Assert.Contains("a.md:6: error: unknown placeholder '{{policy.nope}}'", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Eval_reports_and_enforces_minimums()
    {
        var (exit, output, error) = await Run("", "kb", "eval", "--file", RepositoryPaths.DevSet, "--min-top1", "0.92", "--min-reject", "0.9", "--by-style", "--path", RepositoryPaths.Knowledge);
        Assert.True(exit == 0, output + error);
        foreach (var figure in new[] { "answered right:", "right within one click:", "confidently wrong:", "out of scope declined:", "ranking: top-1" })
        {
            Assert.Contains(figure, output, StringComparison.Ordinal);
        }

        // The language table always, the style table on --by-style (the dev set's styles are its "kind" field).
        Assert.Matches(@"(?m)^language\s+lines\s+right\s+1-click\s+wrong\s+declined$", output);
        Assert.Matches(@"(?m)^zh\s+\d+\s+\d+ %", output);
        Assert.Matches(@"(?m)^style\s+lines", output);
        Assert.Matches(@"(?m)^traditional\s+\d+\s+\d+ %", output);

        var (strictExit, _, _) = await Run("", "kb", "eval", "--file", RepositoryPaths.DevSet, "--min-top1", "1.01", "--path", RepositoryPaths.Knowledge);
        Assert.Equal(1, strictExit);
    }

    [Fact]
    public async Task Eval_rejects_a_malformed_file_with_its_line()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"q\": \"退款\", \"expect\": \"refund-arrival-time\"}\nnot json\n");
        try
        {
            var (exit, _, error) = await Run("", "kb", "eval", "--file", file, "--path", RepositoryPaths.Knowledge);
            Assert.Equal(2, exit);
            Assert.Contains($"{file}:2: invalid JSON", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Chat_answers_questions_and_runs_a_refund_end_to_end_with_the_in_memory_store()
    {
        var script = string.Join('\n',
            "退款多久能到账", "我要退款", "202406180001", "退货退款", "质量问题", "59块9", "/attach front.jpg back.png", "完成", "提交", "退款进度", "/quit");
        var (exit, output, error) = await Run(script + "\n", "chat", "--path", RepositoryPaths.Knowledge, "--customer", "c-alice");

        Assert.True(exit == 0, error);
        var replies = output.Split("bot> ").Skip(1).ToList();
        Assert.Contains("您好", replies[0], StringComparison.Ordinal);
        Assert.Contains("到账", replies[1], StringComparison.Ordinal);
        Assert.Contains(replies, r => r.Contains("[1] 仅退款  [2] 退货退款", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Contains("已收到 2 张图片", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Contains("金额：¥59.90", StringComparison.Ordinal) && r.Contains("凭证：2 张", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Contains("退款申请已提交", StringComparison.Ordinal));
        Assert.Contains("待商家处理", replies[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_program_speaks_the_ask_contract_over_real_stdio()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "ServiceBot.dll");
        var start = new ProcessStartInfo("dotnet", [program, "ask", "--json", "--path", RepositoryPaths.Knowledge])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync("客服电话是多少");
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        using var json = JsonDocument.Parse(output.Trim());
        Assert.Equal("客服电话是多少", json.RootElement.GetProperty("question").GetString());
        Assert.Equal("hotline", json.RootElement.GetProperty("id").GetString());
    }
}
