using Microsoft.AspNetCore.Mvc;
using ServiceBot.Bot.Answers;
using ServiceBot.Bot.Hosting;
using ServiceBot.Knowledge.Hosting;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Bot.KnowledgeApi;

/// <summary>The knowledge HTTP API: search, one entry, and the reload status.</summary>
public static class KnowledgeEndpoints
{
    public const int MaxTop = 10;

    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<InputLimits>();
        var kb = app.MapGroup("/api/kb");
        kb.MapGet("/search", (string? q, string? lang, string? top, KnowledgeHost host) => Search(q, lang, top, host, limits));
        kb.MapPost("/search", (SearchRequest request, KnowledgeHost host) =>
                Search(request.Q, request.Lang, request.Top?.ToString(System.Globalization.CultureInfo.InvariantCulture), host, limits))
            .WithMetadata(new RequestSizeLimitAttribute(InputLimits.BodyBytesFor(limits.QueryChars)));
        kb.MapGet("/entries/{id}", (string id, string? lang, KnowledgeHost host) => Entry(id, lang, host));
        kb.MapGet("/status", (KnowledgeHost host) => Results.Ok(StatusDto.From(host.Status, host.Root)));
        return app;
    }

    private static IResult Search(string? q, string? lang, string? top, KnowledgeHost host, InputLimits limits)
    {
        if (q is null)
        {
            return ApiProblems.BadRequest("q is required: the customer's question.");
        }

        if (q.Length > limits.QueryChars)
        {
            return ApiProblems.BadRequest(new InputTooLongException("q", limits.QueryChars));
        }

        string? locale = null;
        if (!string.IsNullOrEmpty(lang) && (locale = Locales.Parse(lang)) is null)
        {
            return ApiProblems.BadRequest($"lang must be zh or en, not '{lang}'.");
        }

        var count = 3;
        if (top is not null && (!int.TryParse(top, out count) || count < 1 || count > MaxTop))
        {
            return ApiProblems.BadRequest($"top must be a whole number from 1 to {MaxTop}.");
        }

        if (host.Current is not { } knowledge)
        {
            return NotReady();
        }

        var reply = KnowledgeReply.From(knowledge.Search(q, locale, count), knowledge);
        return Results.Ok(SearchResponse.From(reply));
    }

    private static IResult Entry(string id, string? lang, KnowledgeHost host)
    {
        var locale = string.IsNullOrEmpty(lang) ? Locales.Chinese : Locales.Parse(lang);
        if (locale is null)
        {
            return ApiProblems.BadRequest($"lang must be zh or en, not '{lang}'.");
        }

        if (host.Current is not { } knowledge)
        {
            return NotReady();
        }

        if (knowledge.Find(id, locale) is not { } entry)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such entry",
                detail: $"There is no entry '{id}' in {locale}.");
        }

        var answer = knowledge.Answer(entry.Id, locale)!;
        return Results.Ok(new EntryDto(entry.Id, entry.Locale, entry.Question, entry.Alternates, entry.Tags, entry.Followups,
            new AnswerDto(answer.Html, answer.Text, answer.Markdown), entry.Location.RelativeTo(host.Root).ToString()));
    }

    private static IResult NotReady() =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Knowledge base not loaded",
            detail: "The knowledge base has not loaded yet; see GET /api/kb/status.");
}
