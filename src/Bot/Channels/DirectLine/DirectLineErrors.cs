using ServiceBot.Bot.Hosting;

namespace ServiceBot.Bot.Channels.DirectLine;

/// <summary>Direct Line's errors as JSON problem bodies.</summary>
internal static class DirectLineErrors
{
    public static IResult Unauthorized() =>
        ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Send Authorization: Bearer <token or secret>.");

    public static IResult Forbidden(string detail) => ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static IResult NotFound(string conversationId) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"There is no conversation {conversationId}.");

    public static IResult BadRequest(string detail) => ApiProblems.BadRequest(detail);

    public static IResult UnsupportedMediaType(string detail = "Send the activity as application/json.") =>
        ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);
}
