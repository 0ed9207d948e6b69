using Microsoft.AspNetCore.Diagnostics;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Hosting;

/// <summary>
/// What escapes an endpoint becomes a JSON problem, never a bare 500: Redis out of reach is 503 with Retry-After (the
/// request changed nothing and may be sent again), a body over its size limit 413, malformed HTTP 400.
/// </summary>
public sealed partial class ApiExceptionHandler(RedisOptions redis, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var http = httpContext;
        switch (exception)
        {
            case RedisException or RedisTimeoutException:
                LogRedisUnavailable(logger, http.Request.Path, exception.Message);
                http.Response.Headers.RetryAfter = redis.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteAsync(http, ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable",
                    "The service's storage is not reachable right now; nothing was changed. Try again shortly."));
                return true;
            case BadHttpRequestException bad:
                await WriteAsync(http, ApiProblems.Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "Body too large" : "Bad request", bad.Message));
                return true;
            default:
                return false;
        }
    }

    private static Task WriteAsync(HttpContext http, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult result) => result.ExecuteAsync(http);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Redis unavailable while serving {Path}: {Reason}; answered 503")]
    private static partial void LogRedisUnavailable(ILogger logger, PathString path, string reason);
}
