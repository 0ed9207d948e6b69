using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ServiceBot.Bot.Hosting;

namespace ServiceBot.Bot.Channels.DirectLine;

public static partial class DirectLineServiceExtensions
{
    /// <summary>
    /// Registers Direct Line: options (checked at start), tokens, the background turns, CORS for the configured
    /// origins and the per-token rate limit on posted activities.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DirectLineOptions.Section);
        services.AddOptions<DirectLineOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectLineOptions>>(new ProblemsValidator<DirectLineOptions>(options => options.Problems()));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<DirectLineOptions>>().Value);
        services.AddSingleton(CreateTokens);
        services.AddSingleton<DirectLineTurns>();
        services.AddSingleton<UploadedFiles>();

        var options = section.Get<DirectLineOptions>() ?? new DirectLineOptions();
        services.AddCors(cors => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
            .WithOrigins([.. options.AllowedOrigins])
            .WithHeaders("authorization", "content-type", "x-ms-bot-agent")
            .WithMethods("GET", "POST")));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(DirectLineEndpoints.PostRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Request.Headers.Authorization.ToString(),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ActivitiesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"At most {options.ActivitiesPerMinute} activities a minute per token.").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>
    /// The secret comes from configuration; a development machine without one gets a random one, logged so the
    /// developer can use it. Anywhere else a missing secret stops the start: no channel without authentication.
    /// </summary>
    private static DirectLineTokens CreateTokens(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<DirectLineOptions>();
        var environment = provider.GetRequiredService<IHostEnvironment>();
        var secret = options.Secret;
        if (secret is null)
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException($"{DirectLineOptions.Section}:Secret is not set; it is required outside Development.");
            }

            secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            LogGeneratedSecret(provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineServiceExtensions)), secret);
        }

        return new DirectLineTokens(secret, options.TokenKey ?? secret, options.TokenLifetime, provider.GetRequiredService<TimeProvider>());
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "DirectLine:Secret is not set; for this run (Development) it is {Secret}")]
    private static partial void LogGeneratedSecret(ILogger logger, string secret);
}
