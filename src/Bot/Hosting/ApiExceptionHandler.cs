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
            case Exception when IsOutage(exception):
                LogRedisUnavailable(logger, http.Request.Path, exception.Message);
                http.Response.Headers.RetryAfter = redis.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteAsync(http, ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable",
                    "The service's storage is not reachable right now, so the request was not completed. Try again shortly."));
                return true;
            case BadHttpRequestException bad:
                await WriteAsync(http, ApiProblems.Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "Body too large" : "Bad request", bad.Message));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Redis out of reach, or not serving yet (loading its data, busy with a script, a replica being promoted). Any
    /// other server error (WRONGTYPE, a script error) is a bug, answered 500 like one, not hidden behind a retry.
    /// </summary>
    private static bool IsOutage(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => OutageErrors.Any(prefix => server.Message.StartsWith(prefix, StringComparison.Ordinal)),
        _ => false,
    };

    private static readonly string[] OutageErrors = ["LOADING", "BUSY", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN"];

    private static Task WriteAsync(HttpContext http, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult result) => result.ExecuteAsync(http);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Redis unavailable while serving {Path}: {Reason}; answered 503")]
    private static partial void LogRedisUnavailable(ILogger logger, PathString path, string reason);
}
