using ServiceBot.Handoff.Redis;
using ServiceBot.Knowledge.Hosting;

namespace ServiceBot.Bot.Hosting;

public sealed record HealthDto(string Status, IReadOnlyList<string> Reasons);

/// <summary>GET /healthz: 200 when Redis answers and a knowledge base is serving, else 503 with the reasons.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (RedisConnection redis, RedisOptions redisOptions, KnowledgeHost knowledge, HttpContext http, CancellationToken cancellationToken) =>
        {
            var reasons = new List<string>();
            if (await redis.CheckAsync(cancellationToken) is { } redisProblem)
            {
                reasons.Add(redisProblem);
            }

            if (knowledge.Current is null)
            {
                reasons.Add("the knowledge base is not loaded; see GET /api/kb/status");
            }

            if (reasons.Count == 0)
            {
                return Results.Ok(new HealthDto("ok", reasons));
            }

            http.Response.Headers.RetryAfter = redisOptions.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new HealthDto("unavailable", reasons), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
