using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using ServiceBot.Knowledge.Hosting;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Bot.Channels.HelpCenter;

/// <summary>
/// The help-center page at "/" and the agent console at "/agent/": static files from wwwroot (index.html, css/, js/,
/// agent/, and vendor/webchat.js and vendor/signalr.js, which tools/webchat/install.sh and tools/signalr/install.sh put
/// there and git never holds), pages served with a strict Content-Security-Policy
/// (<see cref="ContentSecurityPolicy"/>), and the contact details the page's footer shows, read from the live
/// knowledge base's policy values.
/// </summary>
public static partial class HelpCenterExtensions
{
    /// <summary>Where the page loads Bot Framework Web Chat from, relative to the web root.</summary>
    public const string WebChatBundle = "vendor/webchat.js";

    /// <summary>Where the agent console (/agent) loads the SignalR client from, relative to the web root.</summary>
    public const string SignalRBundle = "vendor/signalr.js";

    public static WebApplication MapHelpCenter(this WebApplication app)
    {
        var webRoot = app.Environment.WebRootFileProvider;
        if (!webRoot.GetFileInfo(WebChatBundle).Exists)
        {
            LogBundleMissing(app.Logger, WebChatBundle, app.Environment.WebRootPath ?? "(no web root)");
        }

        if (!webRoot.GetFileInfo(SignalRBundle).Exists)
        {
            LogSignalRMissing(app.Logger, SignalRBundle, app.Environment.WebRootPath ?? "(no web root)");
        }

        // "/agent/" is the agent console (wwwroot/agent/index.html); "/agent" is redirected there by the default files.

        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = PrepareResponse });
        app.MapGet("/api/helpcenter/contact", (KnowledgeHost knowledge) => Contact(knowledge));
        return app;
    }

    private static void PrepareResponse(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // The page's scripts and styles change with every deploy under the same names: revalidate (ETag), don't guess.
        headers.CacheControl = "no-cache";
        if (context.Context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            headers[ContentSecurityPolicy.HeaderName] = ContentSecurityPolicy.Value;
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "same-origin";
        }
    }

    private static IResult Contact(KnowledgeHost knowledge)
    {
        if (knowledge.Current is not { } current)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Knowledge base not loaded",
                detail: "The knowledge base has not loaded yet; see GET /api/kb/status.");
        }

        var policy = current.Policy;
        return Results.Ok(new ContactDto(
            policy.Get("hotline", Locales.Chinese),
            ByLocale(policy, "hotline_hours"),
            ByLocale(policy, "service_hours")));
    }

    private static Dictionary<string, string?> ByLocale(PolicyValues policy, string key) =>
        Locales.All.ToDictionary(locale => locale, locale => policy.Get(key, locale), StringComparer.Ordinal);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "The help-center page has no Web Chat bundle ({Bundle} under {WebRoot}): '/' shows that the chat widget is missing. Run tools/webchat/install.sh (run.sh and test.sh do) and rebuild.")]
    private static partial void LogBundleMissing(ILogger logger, string bundle, string webRoot);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "The agent console has no SignalR client ({Bundle} under {WebRoot}): '/agent' works without live updates, polling every 15 s. Run tools/signalr/install.sh (run.sh and test.sh do) and rebuild.")]
    private static partial void LogSignalRMissing(ILogger logger, string bundle, string webRoot);
}

/// <summary>GET /api/helpcenter/contact: the hotline and service hours from knowledge/policy.yaml, every locale at once.</summary>
public sealed record ContactDto(string? Hotline, IReadOnlyDictionary<string, string?> HotlineHours, IReadOnlyDictionary<string, string?> ServiceHours);
