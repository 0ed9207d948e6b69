using Microsoft.Playwright;

namespace ServiceBot.Browser.Tests;

/// <summary>
/// One headless Debian chromium for the browser tests, driven by Microsoft.Playwright's own driver (no
/// "playwright install": the browser is the Debian package ./test.sh installs). SERVICEBOT_CHROMIUM overrides the path.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string Variable = "SERVICEBOT_CHROMIUM";

    // The /usr/bin/chromium wrapper script prints a harmless shell error under Playwright; the binary does not.
    public const string DefaultPath = "/usr/lib/chromium/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests' screenshots go: beside the test binaries, in screenshots/.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : DefaultPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No chromium at {path}: run the tests with ./test.sh, which installs Debian's chromium and fonts-wqy-microhei.");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>The browser tests, one at a time (a shared 2-core machine): one chromium and one real host for all.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumTests : ICollectionFixture<ChromiumFixture>, ICollectionFixture<HelpCenterService>
{
    public const string Name = "chromium";
}
