using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ServiceBot.Bot.Hosting;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Redis;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line 3.0 under /v3/directline, as botframework-directlinejs and Web Chat speak it: tokens, conversations,
/// activities (post, poll) and the WebSocket stream. Errors: 401 without credentials, 403 for a token that is
/// expired, forged or another conversation's, 404 for an unknown conversation, 400/413/415 for bad input, 429 too fast.
/// </summary>
public static class DirectLineEndpoints
{
    public const string CorsPolicy = "directline";
    public const string PostRateLimit = "directline-post";

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<InputLimits>();
        _ = app.ServiceProvider.GetRequiredService<DirectLineTokens>(); // no secret outside Development: refuse to start now
        var smallBody = new RequestSizeLimitAttribute(8 * 1024);
        var dl = app.MapGroup("/v3/directline").RequireCors(CorsPolicy);
        dl.MapPost("/tokens/generate", GenerateAsync).WithMetadata(smallBody);
        dl.MapPost("/tokens/refresh", RefreshAsync).WithMetadata(smallBody);
        dl.MapPost("/conversations", StartAsync).WithMetadata(smallBody);
        dl.MapGet("/conversations/{id}", ReconnectAsync);
        dl.MapPost("/conversations/{id}/activities", PostAsync)
            .WithMetadata(new RequestSizeLimitAttribute(InputLimits.BodyBytesFor(limits.MessageChars)))
            .RequireRateLimiting(PostRateLimit);
        dl.MapGet("/conversations/{id}/activities", PollAsync);
        dl.Map("/conversations/{id}/stream", DirectLineStream.RunAsync);
        dl.MapPost("/conversations/{id}/upload", DirectLineUploads.UploadAsync).RequireRateLimiting(PostRateLimit).DisableAntiforgery();
        dl.MapGet("/conversations/{id}/attachments/{file}", DirectLineUploads.ReadAsync);

        if (app.ServiceProvider.GetRequiredService<DirectLineOptions>().DemoTokens ?? app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.MapPost("/api/demo/token", DemoTokenAsync).WithMetadata(smallBody);
        }

        return app;
    }

    /// <summary>The host app's backend, with the secret, asks for a token for its signed-in customer.</summary>
    private static async Task<IResult> GenerateAsync(HttpContext http, DirectLineTokens tokens)
    {
        if (Bearer(http) is not { } presented)
        {
            return DirectLineErrors.Unauthorized();
        }

        if (!tokens.IsSecret(presented))
        {
            return DirectLineErrors.Forbidden("Only the Direct Line secret may generate tokens.");
        }

        return await IssueAsync(http, tokens);
    }

    /// <summary>Development stand-in for the host app's backend: the help-center page gets a token for a demo customer.</summary>
    private static Task<IResult> DemoTokenAsync(HttpContext http, DirectLineTokens tokens) => IssueAsync(http, tokens, defaultUser: "c-alice");

    private static async Task<IResult> IssueAsync(HttpContext http, DirectLineTokens tokens, string? defaultUser = null)
    {
        var body = await ReadOptionalAsync(http, DirectLineJsonContext.Default.TokenRequest);
        if (body.Error is { } error)
        {
            return error;
        }

        if (UserOf(body.Value, defaultUser) is not { } user)
        {
            return DirectLineErrors.BadRequest("user.id must be 1-128 letters, digits or - _ . @ |.");
        }

        var grant = new DirectLineGrant(DirectLineTokens.NewConversationId(), user, body.Value?.User?.Name, LocaleOf(body.Value));
        return Results.Json(new TokenResponse(grant.ConversationId, tokens.Issue(grant), (int)tokens.Lifetime.TotalSeconds),
            DirectLineJsonContext.Default.TokenResponse);
    }

    private static async Task<IResult> RefreshAsync(HttpContext http, DirectLineTokens tokens)
    {
        var (grant, failure) = await AuthorizeAsync(http, tokens, conversationId: null);
        return failure ?? Results.Json(new TokenResponse(grant!.ConversationId, tokens.Issue(grant), (int)tokens.Lifetime.TotalSeconds),
            DirectLineJsonContext.Default.TokenResponse);
    }

    /// <summary>
    /// Opens the token's conversation (or, with the secret, a new one), greeting the customer before it is handed
    /// out so the welcome is the first thing any stream replays.
    /// </summary>
    private static async Task<IResult> StartAsync(HttpContext http, DirectLineTokens tokens, ITranscript transcript, DirectLineTurns turns)
    {
        var body = await ReadOptionalAsync(http, DirectLineJsonContext.Default.TokenRequest);
        if (body.Error is { } error)
        {
            return error;
        }

        DirectLineGrant grant;
        if (Bearer(http) is { } presented && tokens.IsSecret(presented))
        {
            if (UserOf(body.Value, null) is not { } user)
            {
                return DirectLineErrors.BadRequest("user.id must be 1-128 letters, digits or - _ . @ |.");
            }

            grant = new DirectLineGrant(DirectLineTokens.NewConversationId(), user, body.Value?.User?.Name, LocaleOf(body.Value));
        }
        else
        {
            var (granted, failure) = await AuthorizeAsync(http, tokens, conversationId: null);
            if (failure is not null)
            {
                return failure;
            }

            grant = granted!;
        }

        if (!await ExistsAsync(transcript, grant.ConversationId, http.RequestAborted))
        {
            await turns.RunNowAsync(new Activity
            {
                Type = ActivityTypes.ConversationUpdate,
                Id = "start-" + grant.ConversationId,
                From = new ChannelAccount(grant.UserId, grant.UserName, "user"),
                Conversation = new ConversationAccount(grant.ConversationId),
                // Web Chat starts the conversation without a body: the language is the one the token was asked for.
                Locale = LocaleOf(body.Value) ?? grant.Locale,
            }, http.RequestAborted);
        }

        var token = tokens.Issue(grant);
        return Results.Json(new ConversationResponse(grant.ConversationId, token, (int)tokens.Lifetime.TotalSeconds, StreamUrl(http, grant.ConversationId, token, 0)),
            DirectLineJsonContext.Default.ConversationResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReconnectAsync(string id, string? watermark, HttpContext http, DirectLineTokens tokens, ITranscript transcript)
    {
        var (grant, failure) = await AuthorizeAsync(http, tokens, id);
        if (failure is not null)
        {
            return failure;
        }

        if (!TryWatermark(watermark, out var after))
        {
            return DirectLineErrors.BadRequest("watermark must be a whole number.");
        }

        if (!await ExistsAsync(transcript, id, http.RequestAborted))
        {
            return DirectLineErrors.NotFound(id);
        }

        var token = tokens.Issue(grant!);
        return Results.Json(new ConversationResponse(id, token, (int)tokens.Lifetime.TotalSeconds, StreamUrl(http, id, token, after)),
            DirectLineJsonContext.Default.ConversationResponse);
    }

    private static async Task<IResult> PostAsync(string id, HttpContext http, DirectLineTokens tokens, ITranscript transcript, DirectLineTurns turns,
        InputLimits limits, TimeProvider time, ServiceBot.Bot.Agents.Handoff.IHandoffDesk desk)
    {
        var (grant, failure) = await AuthorizeAsync(http, tokens, id);
        if (failure is not null)
        {
            return failure;
        }

        if (!http.Request.HasJsonContentType())
        {
            return DirectLineErrors.UnsupportedMediaType();
        }

        var body = await ReadOptionalAsync(http, DirectLineJsonContext.Default.Activity);
        if (body.Error is { } error)
        {
            return error;
        }

        if (body.Value is not { } posted)
        {
            return DirectLineErrors.BadRequest("The body must be an activity.");
        }

        if (posted.Type is not (ActivityTypes.Message or ActivityTypes.Typing or ActivityTypes.Event))
        {
            return DirectLineErrors.BadRequest($"Activity type '{posted.Type}' is not accepted: send message, typing or event.");
        }

        if (posted.Text is { } text && text.Length > limits.MessageChars)
        {
            return ApiProblems.BadRequest(new InputTooLongException("text", limits.MessageChars));
        }

        // The server decides who sent it and when; everything else the client sent is kept and echoed.
        var activity = posted with
        {
            Id = null,
            From = new ChannelAccount(grant!.UserId, grant.UserName ?? posted.From?.Name, "user"),
            Conversation = new ConversationAccount(id),
            Timestamp = time.GetUtcNow(),
        };
        if (posted.Type == ActivityTypes.Typing)
        {
            // The bot needs no typing; an agent does: while one owns the conversation, typing goes where their console reads.
            var relayed = RedisKeys.IsSafeId(id) && (await desk.OwnerAsync(id, http.RequestAborted)).Kind == ServiceBot.Handoff.Queue.OwnerKind.Agent;
            var known = relayed
                ? await transcript.TryAppendAsync(id, [activity with { Text = null }], AppendRule.Existing, http.RequestAborted) is not null
                : await ExistsAsync(transcript, id, http.RequestAborted);
            return known ? Results.Json(new ResourceResponse(id + "|typing"), DirectLineJsonContext.Default.ResourceResponse) : DirectLineErrors.NotFound(id);
        }

        if (!RedisKeys.IsSafeId(id) || await transcript.TryAppendAsync(id, [activity], AppendRule.Existing, http.RequestAborted) is not [{ Activity: var stored }])
        {
            return DirectLineErrors.NotFound(id);
        }

        turns.Enqueue(stored);
        return Results.Json(new ResourceResponse(stored.Id!), DirectLineJsonContext.Default.ResourceResponse);
    }

    private static async Task<IResult> PollAsync(string id, string? watermark, HttpContext http, DirectLineTokens tokens, ITranscript transcript)
    {
        var (_, failure) = await AuthorizeAsync(http, tokens, id);
        if (failure is not null)
        {
            return failure;
        }

        if (!TryWatermark(watermark, out var after))
        {
            return DirectLineErrors.BadRequest("watermark must be a whole number.");
        }

        var page = await transcript.ReadAsync(id, after, 100, http.RequestAborted);
        if (page.Entries.Count == 0 && after == 0)
        {
            return DirectLineErrors.NotFound(id);
        }

        return Results.Json(ToSet(page), DirectLineJsonContext.Default.ActivitySet);
    }

    internal static ActivitySet ToSet(TranscriptPage page) =>
        new(page.Entries.Select(e => e.Activity).ToList(), page.Watermark.ToString(CultureInfo.InvariantCulture));

    /// <summary>The caller's token must be valid and, when a conversation is named, be that conversation's.</summary>
    internal static async Task<(DirectLineGrant? Grant, IResult? Failure)> AuthorizeAsync(HttpContext http, DirectLineTokens tokens, string? conversationId,
        string? presented = null)
    {
        presented ??= Bearer(http);
        if (presented is null)
        {
            return (null, DirectLineErrors.Unauthorized());
        }

        if (await tokens.ValidateAsync(presented) is not { } grant)
        {
            return (null, DirectLineErrors.Forbidden("The token is expired, forged or malformed."));
        }

        return conversationId is not null && grant.ConversationId != conversationId
            ? (null, DirectLineErrors.Forbidden("The token does not open this conversation."))
            : (grant, null);
    }

    internal static async Task<bool> ExistsAsync(ITranscript transcript, string conversationId, CancellationToken cancellationToken) =>
        RedisKeys.IsSafeId(conversationId) && await transcript.ExistsAsync(conversationId, cancellationToken);

    internal static bool TryWatermark(string? text, out long watermark)
    {
        watermark = 0;
        return string.IsNullOrEmpty(text) || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out watermark) && watermark >= 0);
    }

    private static string? Bearer(HttpContext http) =>
        http.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim() is { Length: > 0 } value ? value : null
            : null;

    private static string? UserOf(TokenRequest? body, string? fallback)
    {
        var id = body?.User?.Id is { Length: > 0 } given ? given : fallback ?? "dl_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        return RedisKeys.IsSafeId(id) ? id : null;
    }

    /// <summary>The locale a body asks for, when it is one the bot speaks (its canonical name); otherwise null.</summary>
    private static string? LocaleOf(TokenRequest? body) => ServiceBot.Knowledge.Model.Locales.Parse(body?.Locale);

    private static string StreamUrl(HttpContext http, string conversationId, string token, long watermark)
    {
        var scheme = http.Request.IsHttps ? "wss" : "ws";
        return $"{scheme}://{http.Request.Host}{http.Request.PathBase}/v3/directline/conversations/{conversationId}/stream?watermark={watermark}&t={Uri.EscapeDataString(token)}";
    }

    /// <summary>An empty body is fine (null); malformed JSON is a 400, never an exception.</summary>
    private static async Task<(T? Value, IResult? Error)> ReadOptionalAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (http.Request.ContentLength == 0 || (http.Request.ContentLength is null && !http.Request.HasJsonContentType()))
        {
            return (null, null);
        }

        try
        {
            return (await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted), null);
        }
        catch (JsonException e)
        {
            return (null, DirectLineErrors.BadRequest($"The body is not valid JSON: {e.Message}"));
        }
    }
}
