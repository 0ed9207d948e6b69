using System.Text.Encodings.Web;
using ServiceBot.Bot.Agents;
using ServiceBot.Bot.Channels.DirectLine;
using ServiceBot.Bot.Channels.HelpCenter;
using ServiceBot.Bot.KnowledgeApi;
using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Hosting;

/// <summary>Builds the web service: each area registers itself; this file only wires them together.</summary>
public static class ServiceHost
{
    /// <summary>The body limit of endpoints that set none of their own.</summary>
    public const long DefaultBodyBytes = 16 * 1024;

    /// <param name="configure">More registrations after the service's own (the benchmark's orders).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // Endpoints that take a body raise this to what their text needs (InputLimits.BodyBytesFor); others read none.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = DefaultBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.AddBot(builder.Configuration);
        builder.Services.AddDirectLine(builder.Configuration);
        builder.Services.AddAgents(builder.Configuration);
        builder.Services.AddAgentConsole(builder.Configuration);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.UseCors();
        app.UseRateLimiter();
        app.MapHelpCenter();
        app.MapHealth();
        app.MapDirectLine();
        app.MapKnowledgeApi();
        app.MapRefundApis();
        app.MapAgentLogin();
        app.MapAgentConsole();
        return app;
    }
}
