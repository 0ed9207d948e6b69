using System.Globalization;
using ServiceBot.Bot.Hosting;

namespace ServiceBot.Bot.Agents;

/// <summary>The agent API's errors as JSON problem bodies.</summary>
internal static class AgentErrors
{
    /// <summary>No valid agent token: also says so in WWW-Authenticate, as RFC 6750 asks.</summary>
    public static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send Authorization: Bearer <agent token>, as POST /api/agent/login returns it.");
    }

    /// <summary>The same body for an unknown login and a wrong password.</summary>
    public static IResult WrongLogin() =>
        ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The login or the password is wrong.");

    public static IResult TooManyFailures(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many failed logins; try again in {seconds} seconds.", new Dictionary<string, object?> { ["retryAfter"] = seconds });
    }

    public static IResult BadRequest(string detail) => ApiProblems.BadRequest(detail);
}
