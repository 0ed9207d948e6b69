using Microsoft.Playwright;

namespace ServiceBot.Browser.Tests;

/// <summary>The host started from a web root without vendor/webchat.js (install.sh never ran): it starts, and "/" says so.</summary>
[Collection(ChromiumTests.Name)]
public sealed class MissingBundleTests(ChromiumFixture chromium, MissingBundleTests.ServiceWithoutBundle service)
    : IClassFixture<MissingBundleTests.ServiceWithoutBundle>
{
    [Fact]
    public async Task Without_the_Web_Chat_bundle_the_host_starts_and_the_page_says_the_widget_is_missing()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var page = session.Page;

        await page.GotoAsync(service.Client.BaseAddress!.ToString());

        await Assertions.Expect(page.Locator("#chat-notice-title")).ToHaveTextAsync("在线客服组件缺失");
        await Assertions.Expect(page.Locator("#chat-notice-detail")).ToContainTextAsync("vendor/webchat.js");
        await Assertions.Expect(page.Locator("#human-button")).ToBeDisabledAsync();
        // The rest of the page still helps: the hotline is there.
        await Assertions.Expect(page.Locator("#hotline")).ToHaveTextAsync("400-820-6688");
        await session.ScreenshotAsync("widget-missing-zh");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await service.Client.GetAsync("vendor/webchat.js")).StatusCode);
    }

    [Fact]
    public async Task Without_the_SignalR_client_the_agent_console_still_signs_in_and_says_it_is_not_live()
    {
        await using var session = await PageSession.OpenAsync(chromium);
        var page = session.Page;

        await page.GotoAsync(service.Client.BaseAddress + "agent");
        await AgentConsolePageTests.SignInAsync(page, "alice", ServiceFixture.AlicePassword);

        await Assertions.Expect(page.Locator("#desk-view")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "offline");
        await Assertions.Expect(page.Locator("#live-text")).ToHaveTextAsync("实时连接已断开，每 15 秒刷新一次");
        await Assertions.Expect(page.Locator("#waiting-empty")).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await service.Client.GetAsync("vendor/signalr.js")).StatusCode);
    }

    /// <summary>The real host on a copy of the built web root, less vendor/.</summary>
    public sealed class ServiceWithoutBundle : ServiceFixture
    {
        private readonly string _webRoot = CopyWithoutVendor();

        protected override IEnumerable<string> Settings => ["--webroot", _webRoot];

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(_webRoot, recursive: true);
        }

        private static string CopyWithoutVendor()
        {
            var source = Path.Combine(AppContext.BaseDirectory, "wwwroot");
            var target = Directory.CreateTempSubdirectory("servicebot-wwwroot-").FullName;
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.StartsWith("vendor", StringComparison.Ordinal))
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
                File.Copy(file, Path.Combine(target, relative));
            }

            return target;
        }
    }
}
