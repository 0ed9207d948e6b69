using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceBot.Bot.Hosting;

namespace ServiceBot.Bot.Refunds;

/// <summary>How the refund APIs answer: requests as JSON, and every failure as an application/problem+json body.</summary>
public static class RefundApiResults
{
    /// <summary>The refund JSON without the customer's conversation id, which is the bot's business, not a merchant's.</summary>
    private static readonly JsonSerializerOptions PublicJson = new(RefundJsonContext.Default.Options)
    {
        TypeInfoResolver = RefundJsonContext.Default.WithAddedModifier(HideConversation),
    };

    public static IResult Json<T>(T value) => TypedResults.Json(value, (JsonTypeInfo<T>)PublicJson.GetTypeInfo(typeof(T)));

    public static IResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", $"The {ApiKeyAuthenticator.Header} header is missing or wrong.");

    public static IResult NotFound(string requestId) =>
        Problem(StatusCodes.Status404NotFound, "Not found", $"Refund request {requestId} does not exist.");

    public static IResult BadRequest(string detail) => ApiProblems.BadRequest(detail);

    /// <summary>Runs an action and maps the domain's exceptions: lifecycle 409, unknown id 404, bad input 400.</summary>
    public static async Task<IResult> RunAsync(Func<Task<RefundRequest>> action)
    {
        try
        {
            return Json(await action());
        }
        catch (RefundTransitionException e)
        {
            return Problem(StatusCodes.Status409Conflict, "Not allowed now", e.Message);
        }
        catch (RefundNotFoundException e)
        {
            return NotFound(e.RequestId);
        }
        catch (ArgumentException e)
        {
            return ApiProblems.BadRequest(e);
        }
    }

    /// <summary>The JSON body; a missing, malformed or non-JSON body is an <see cref="ArgumentException"/> (400).</summary>
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new ArgumentException("Send a JSON body with Content-Type: application/json.");
        }

        try
        {
            return await request.ReadFromJsonAsync(type, request.HttpContext.RequestAborted)
                ?? throw new ArgumentException("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The body is not valid JSON: {e.Message}", e);
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) => ApiProblems.Problem(status, title, detail);

    private static void HideConversation(JsonTypeInfo type)
    {
        if (type.Type == typeof(RefundRequest) && type.Properties.FirstOrDefault(p => p.Name == "conversationId") is { } property)
        {
            type.Properties.Remove(property);
        }
    }
}
