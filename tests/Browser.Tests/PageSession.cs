using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ServiceBot.Browser.Tests;

/// <summary>
/// One browser context and page on the service, recording what a person would not see but a test must: console
/// errors, uncaught exceptions and Content-Security-Policy violations (reported by the page itself, so a blocked
/// style or script is named, not just counted).
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
        });
        """;

    private readonly ConcurrentQueue<string> _errors = new();

    private PageSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"uncaught: {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    public static async Task<PageSession> OpenAsync(ChromiumFixture chromium, ViewportSize? viewport = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? Desktop,
            // The browser's own language is English: the page must still open in Chinese (Chinese first).
            Locale = "en-US",
            DeviceScaleFactor = 1,
            IsMobile = viewport == Phone,
            HasTouch = viewport == Phone,
        });
        await context.AddInitScriptAsync(ViolationRecorder);
        return new PageSession(context, await context.NewPageAsync());
    }

    public async Task<IReadOnlyList<string>> CspViolationsAsync() =>
        await Page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");

    public async Task ScreenshotAsync(string name)
    {
        // A full-page capture of a scrolled window draws the sticky header mid-page: capture from the top.
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumFixture.ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
