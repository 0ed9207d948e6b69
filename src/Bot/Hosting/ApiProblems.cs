using Microsoft.AspNetCore.Http.HttpResults;

namespace ServiceBot.Bot.Hosting;

/// <summary>Every error an API answers, as an application/problem+json body.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    /// <summary>400; a text over its limit also names the field and the limit, so clients can tell the customer.</summary>
    public static ProblemHttpResult BadRequest(ArgumentException e) => e is InputTooLongException tooLong
        ? Problem(StatusCodes.Status400BadRequest, "Text too long", e.Message,
            new Dictionary<string, object?> { ["field"] = tooLong.Field, ["limit"] = tooLong.Limit })
        : BadRequest(e.Message);

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);
}
