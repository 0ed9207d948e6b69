using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Bot.Hosting;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Channels;

/// <summary>
/// The unmodified npm botframework-directlinejs client (tests/DirectLine.Client, run under Node) against the real
/// Kestrel host and a real Redis: tokens, posting, receiving by WebSocket and by polling, the echo with
/// clientActivityID, token refresh, refused tokens, and reconnecting after the server went away.
/// </summary>
public sealed class DirectLineClientTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task The_client_gets_the_welcome_its_echo_with_client_activity_id_and_the_answer(string scenario)
    {
        var findings = await RunClientAsync(scenario, service.Client.BaseAddress!.ToString().TrimEnd('/'));

        Assert.Contains("您好", findings[0].GetProperty("welcome").GetString(), StringComparison.Ordinal);
        Assert.True(findings[0].GetProperty("suggested").GetArrayLength() > 0);
        var echo = findings[1].GetProperty("echo");
        Assert.Equal(("cid-1", "c-alice"), (echo.GetProperty("clientActivityID").GetString(), echo.GetProperty("from").GetString()));
        Assert.Equal(findings[1].GetProperty("posted").GetString(), echo.GetProperty("id").GetString());
        Assert.Contains("到账", findings[1].GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.Equal((200, true), (findings[2].GetProperty("refreshStatus").GetInt32(), findings[2].GetProperty("refreshedDiffers").GetBoolean()));
    }

    [Fact]
    public async Task The_client_uploads_an_image_which_is_stored_and_readable_through_its_content_url()
    {
        var findings = await RunClientAsync("upload", service.Client.BaseAddress!.ToString().TrimEnd('/'));

        var uploaded = findings[^1].GetProperty("uploaded");
        Assert.Equal(("image/png", "evidence.png", 200), (uploaded.GetProperty("contentType").GetString(), uploaded.GetProperty("name").GetString(), uploaded.GetProperty("status").GetInt32()));
        Assert.Equal(uploaded.GetProperty("expected").GetInt32(), uploaded.GetProperty("bytes").GetInt32());
    }

    [Fact]
    public async Task Missing_forged_and_other_conversations_tokens_are_refused()
    {
        var finding = (await RunClientAsync("refused", service.Client.BaseAddress!.ToString().TrimEnd('/')))[0];

        Assert.Equal(401, finding.GetProperty("noCredentials").GetInt32());
        Assert.Equal(403, finding.GetProperty("forged").GetInt32());
        Assert.Equal(403, finding.GetProperty("otherConversation").GetInt32());
        Assert.Equal(403, finding.GetProperty("wrongSecret").GetInt32());
        Assert.Equal(403, finding.GetProperty("refreshForged").GetInt32());
    }

    internal static async Task<List<JsonElement>> RunClientAsync(string scenario, string baseUrl, Func<Task>? onDrop = null)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "DirectLine.Client", "client.js");
        var start = new ProcessStartInfo("node", [script, scenario, baseUrl, ServiceFixture.DirectLineSecret])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var errors = node.StandardError.ReadToEndAsync();
        var findings = new List<JsonElement>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await node.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            var finding = JsonDocument.Parse(line).RootElement.Clone();
            Assert.False(finding.TryGetProperty("failure", out var failure), $"the client failed: {failure}");
            if (finding.TryGetProperty("waiting", out _) && onDrop is not null)
            {
                await onDrop();
                await node.StandardInput.WriteLineAsync("go");
                await node.StandardInput.FlushAsync();
                continue;
            }

            findings.Add(finding);
        }

        await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await errors}");
        return findings;
    }
}
