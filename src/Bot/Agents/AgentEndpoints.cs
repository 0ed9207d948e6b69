using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceBot.Bot.Agents.Handoff;
using ServiceBot.Bot.Hosting;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Redis;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Agents;

/// <summary>
/// The agent API under /api/agent (design.md §3), behind an agent token: the queue, taking a chat (next, accept),
/// a conversation with its transcript and context, messages to the customer, notes, transfer, return to the bot,
/// resolve, heartbeat, and the supervisor's overview. 403 for another agent's conversation (a supervisor may read
/// it), 409 when a race was lost or the agent no longer owns it.
/// </summary>
public static class AgentEndpoints
{
    private const int TranscriptShown = 200;

    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<InputLimits>();
        var api = app.MapGroup(AgentLoginEndpoints.Prefix).RequireAgent().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(InputLimits.BodyBytesFor(limits.MessageChars)));
        api.MapGet("/queue", QueueAsync);
        api.MapPost("/next", NextAsync);
        api.MapPost("/heartbeat", HeartbeatAsync);
        api.MapGet("/supervisor", SupervisorAsync);
        var conversation = api.MapGroup("/conversations/{id}");
        conversation.MapPost("/accept", AcceptAsync);
        conversation.MapGet("", ConversationAsync);
        conversation.MapPost("/messages", MessageAsync);
        conversation.MapPost("/notes", NoteAsync);
        conversation.MapPost("/return-to-bot", ReturnAsync);
        conversation.MapPost("/transfer", TransferAsync);
        conversation.MapPost("/resolve", ResolveAsync);
        return app;
    }

    private static async Task<IResult> QueueAsync(AgentIdentity me, WaitingLine line, AgentRoster roster, ConversationOwners owners, CancellationToken cancellationToken)
    {
        var waiting = await line.ListAsync(200, cancellationToken);
        var mine = new JsonArray();
        foreach (var id in await roster.ChatsAsync(me.Login, cancellationToken))
        {
            var owner = await owners.ReadAsync(id, cancellationToken);
            mine.Add(new JsonObject
            {
                ["conversationId"] = id,
                ["kind"] = owner.Kind.Name(),
                ["since"] = DateTimeOffset.FromUnixTimeMilliseconds(owner.Since).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["trigger"] = owner.Request?.Trigger,
                ["skill"] = owner.Request?.Skill.Name(),
                ["language"] = owner.Request?.Language,
            });
        }

        return Json(new JsonObject
        {
            ["waiting"] = new JsonArray([.. waiting.Select(w => (JsonNode)new JsonObject
            {
                ["conversationId"] = w.ConversationId,
                ["waitingSeconds"] = w.WaitingSeconds,
                ["trigger"] = w.Trigger,
                ["priority"] = w.Priority.Name(),
                ["skill"] = w.Skill.Name(),
                ["language"] = w.Language,
                ["position"] = w.Position,
                ["offline"] = w.Offline,
            })]),
            ["mine"] = mine,
        });
    }

    private static async Task<IResult> NextAsync(AgentIdentity me, Assignments assignments, AgentRoster roster, HandoffNotices notices, CancellationToken cancellationToken)
    {
        var result = await assignments.ClaimNextAsync(me.Login, cancellationToken);
        if (result.Outcome == HandoffOutcome.UnknownAgent)
        {
            await roster.DeclareAsync(me.ToProfile(), cancellationToken); // the declaration expired: the agent is still configured
            result = await assignments.ClaimNextAsync(me.Login, cancellationToken);
        }

        await notices.PublishAsync(result, cancellationToken: cancellationToken);
        return result.Outcome switch
        {
            HandoffOutcome.Ok => Json(new JsonObject { ["conversationId"] = result.ConversationId }),
            HandoffOutcome.Empty => Results.NoContent(),
            _ => Refused(result.Outcome),
        };
    }

    private static async Task<IResult> AcceptAsync(string id, AgentIdentity me, Assignments assignments, AgentRoster roster, HandoffNotices notices, CancellationToken cancellationToken)
    {
        if (!RedisKeys.IsSafeId(id))
        {
            return NotFound(id);
        }

        var result = await assignments.AcceptAsync(me.Login, id, cancellationToken);
        if (result.Outcome == HandoffOutcome.UnknownAgent)
        {
            await roster.DeclareAsync(me.ToProfile(), cancellationToken);
            result = await assignments.AcceptAsync(me.Login, id, cancellationToken);
        }

        await notices.PublishAsync(result, cancellationToken: cancellationToken);
        return result.Outcome == HandoffOutcome.Ok ? Json(new JsonObject { ["conversationId"] = id }) : Refused(result.Outcome, id);
    }

    private static async Task<IResult> ConversationAsync(string id, AgentIdentity me, ConversationOwners owners, HandoffContexts contexts, AgentNotes notes,
        ITranscript transcript, CancellationToken cancellationToken)
    {
        if (!RedisKeys.IsSafeId(id))
        {
            return NotFound(id);
        }

        var owner = await owners.ReadAsync(id, cancellationToken);
        var context = await contexts.ReadAsync(id, cancellationToken);
        if (owner.Kind == OwnerKind.Agent && owner.Agent != me.Login && !me.IsSupervisor)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Another agent's conversation", $"Conversation '{id}' is {owner.Agent}'s.");
        }

        if (context is null && owner.IsBot)
        {
            return NotFound(id); // never handed to a person: not the console's business
        }

        var last = (await transcript.ReadAllAsync(id, 0, cancellationToken)).Entries.TakeLast(TranscriptShown).ToList();
        return Json(new JsonObject
        {
            ["conversationId"] = id,
            ["owner"] = new JsonObject { ["kind"] = owner.Kind.Name(), ["agent"] = owner.Agent },
            ["transcript"] = new JsonArray([.. last.Select(e => JsonSerializer.SerializeToNode(e.Activity, ActivityJsonContext.Default.Activity))]),
            ["watermark"] = (last.Count > 0 ? last[^1].Sequence : 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["context"] = context is null ? null : JsonNode.Parse(context),
            ["notes"] = new JsonArray([.. (await notes.ReadAsync(id, cancellationToken)).Select(n => (JsonNode)new JsonObject
            {
                ["agent"] = n.Agent, ["text"] = n.Text, ["at"] = n.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            })]),
        });
    }

    private static async Task<IResult> MessageAsync(string id, AgentIdentity me, HttpContext http, ConversationOwners owners, ITranscript transcript,
        InputLimits limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var (text, problem) = await TextAsync(http, "text", limits.MessageChars);
        if (problem is not null)
        {
            return problem;
        }

        if (await OwnedAsync(id, me, owners, cancellationToken) is { } refused)
        {
            return refused;
        }

        var owner = await owners.ReadAsync(id, cancellationToken);
        var message = HandoffActivities.Message(id, text!, owner.Request?.Language is { Length: > 0 } l ? l : Knowledge.Model.Locales.Chinese, fromName: me.Name) with
        {
            Timestamp = time.GetUtcNow(),
        };
        // The floor check is the last word: an agent who just lost the conversation cannot slip a message in.
        if (await transcript.TryAppendAsync(id, [message], AppendRule.As(Floor.Agent(me.Login)), cancellationToken) is not [{ } stored])
        {
            return Refused(HandoffOutcome.NotOwner, id);
        }

        return Results.Json(new JsonObject { ["id"] = stored.Activity.Id }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> NoteAsync(string id, AgentIdentity me, HttpContext http, ConversationOwners owners, AgentNotes notes, InputLimits limits,
        CancellationToken cancellationToken)
    {
        var (text, problem) = await TextAsync(http, "text", limits.NoteChars);
        if (problem is not null)
        {
            return problem;
        }

        if (await OwnedAsync(id, me, owners, cancellationToken, supervisorMay: true) is { } refused)
        {
            return refused;
        }

        await notes.AddAsync(id, me.Login, text!, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ReturnAsync(string id, AgentIdentity me, ConversationOwners owners, Assignments assignments, HandoffNotices notices,
        CancellationToken cancellationToken) =>
        await ActAsync(id, me, owners, notices, () => assignments.ReturnToBotAsync(me.Login, id, cancellationToken), cancellationToken);

    private static async Task<IResult> ResolveAsync(string id, AgentIdentity me, HttpContext http, ConversationOwners owners, Assignments assignments,
        HandoffNotices notices, InputLimits limits, CancellationToken cancellationToken)
    {
        var body = await ReadObjectAsync(http);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var disposition = body.Value?["disposition"]?.GetValueKind() == JsonValueKind.String ? body.Value["disposition"]!.GetValue<string>().Trim() : "";
        var note = body.Value?["note"]?.GetValueKind() == JsonValueKind.String ? body.Value["note"]!.GetValue<string>() : "";
        if (disposition.Length is 0 or > 64 || note.Length > limits.NoteChars)
        {
            return ApiProblems.BadRequest($"disposition is 1-64 characters and note at most {limits.NoteChars}.");
        }

        return await ActAsync(id, me, owners, notices, () => assignments.ResolveAsync(me.Login, id, disposition, note, cancellationToken), cancellationToken);
    }

    private static async Task<IResult> TransferAsync(string id, AgentIdentity me, HttpContext http, ConversationOwners owners, Assignments assignments,
        HandoffNotices notices, CancellationToken cancellationToken)
    {
        var body = await ReadObjectAsync(http);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var toAgent = body.Value?["toAgent"]?.GetValueKind() == JsonValueKind.String ? body.Value["toAgent"]!.GetValue<string>() : null;
        var toSkill = body.Value?["toSkill"]?.GetValueKind() == JsonValueKind.String ? body.Value["toSkill"]!.GetValue<string>() : null;
        if (toAgent is not null && RedisKeys.IsSafeId(toAgent))
        {
            return await ActAsync(id, me, owners, notices, () => assignments.TransferToAgentAsync(me.Login, id, toAgent, cancellationToken), cancellationToken);
        }

        if (toSkill is not null && HandoffNames.AllSkills.FirstOrDefault(s => s.Name() == toSkill) is var skill && skill.Name() == toSkill)
        {
            return await ActAsync(id, me, owners, notices, () => assignments.TransferToSkillAsync(me.Login, id, skill, cancellationToken), cancellationToken);
        }

        return ApiProblems.BadRequest("Give toAgent (a login) or toSkill (refund, logistics or general).");
    }

    private static async Task<IResult> HeartbeatAsync(AgentIdentity me, AgentRoster roster, CancellationToken cancellationToken)
    {
        if ((await roster.HeartbeatAsync(me.Login, cancellationToken)).Outcome == HandoffOutcome.UnknownAgent)
        {
            await roster.DeclareAsync(me.ToProfile(), cancellationToken);
            await roster.HeartbeatAsync(me.Login, cancellationToken);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> SupervisorAsync(AgentIdentity me, AgentDirectory directory, AgentRoster roster, WaitingLine line, CancellationToken cancellationToken)
    {
        if (!me.IsSupervisor)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Supervisors only", "The overview is for supervisors.");
        }

        var waiting = await line.ListAsync(1000, cancellationToken);
        var agents = directory.All.Select(a => a.Identity).ToList();
        var status = await roster.StatusAsync(agents.Select(a => a.Login), cancellationToken);
        return Json(new JsonObject
        {
            ["waiting"] = waiting.Count,
            ["longestWaitSeconds"] = waiting.Count > 0 ? waiting.Max(w => w.WaitingSeconds) : 0,
            ["agents"] = new JsonArray([.. agents.Zip(status, (a, s) => (JsonNode)new JsonObject
            {
                ["login"] = a.Login, ["name"] = a.Name, ["role"] = a.Role.ToString().ToLowerInvariant(), ["online"] = s.Online, ["load"] = s.Load, ["capacity"] = a.Capacity,
            })]),
        });
    }

    /// <summary>Runs an owner's action on the conversation and tells the customer and the consoles what changed.</summary>
    private static async Task<IResult> ActAsync(string id, AgentIdentity me, ConversationOwners owners, HandoffNotices notices, Func<Task<HandoffResult>> act,
        CancellationToken cancellationToken)
    {
        if (await OwnedAsync(id, me, owners, cancellationToken) is { } refused)
        {
            return refused;
        }

        var language = (await owners.ReadAsync(id, cancellationToken)).Request?.Language;
        var result = await act();
        await notices.PublishAsync(result, language, cancellationToken);
        return result.Outcome == HandoffOutcome.Ok ? Results.NoContent() : Refused(result.Outcome, id);
    }

    /// <summary>Null when <paramref name="me"/> owns the conversation; otherwise the refusal (404, 403 another agent's, 409 not owned).</summary>
    private static async Task<IResult?> OwnedAsync(string id, AgentIdentity me, ConversationOwners owners, CancellationToken cancellationToken, bool supervisorMay = false)
    {
        if (!RedisKeys.IsSafeId(id))
        {
            return NotFound(id);
        }

        var owner = await owners.ReadAsync(id, cancellationToken);
        return owner.Kind == OwnerKind.Agent && owner.Agent == me.Login ? null
            : supervisorMay && me.IsSupervisor && !owner.IsBot ? null
            : owner.IsBot ? NotFound(id)
            : owner.Kind == OwnerKind.Agent ? ApiProblems.Problem(StatusCodes.Status403Forbidden, "Another agent's conversation", $"Conversation '{id}' is {owner.Agent}'s.")
            : Refused(HandoffOutcome.NotOwner, id);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(HandoffOutcome outcome, string? id = null) => outcome switch
    {
        HandoffOutcome.NotFound => NotFound(id ?? ""),
        HandoffOutcome.MissingSkill => ApiProblems.Problem(StatusCodes.Status403Forbidden, "Missing skill", $"You do not have the skill conversation '{id}' needs."),
        _ => ApiProblems.Problem(StatusCodes.Status409Conflict, outcome switch
        {
            HandoffOutcome.Taken => "Already taken",
            HandoffOutcome.AtCapacity => "At capacity",
            HandoffOutcome.NotOwner => "Not your conversation",
            HandoffOutcome.AgentOffline => "Agent offline",
            _ => outcome.ToString(),
        }, $"{outcome}{(id is null ? "" : $": conversation '{id}'")}.", new Dictionary<string, object?> { ["outcome"] = outcome.ToString() }),
    };

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string id) => ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No handed-over conversation '{id}'.");

    private static IResult Json(JsonObject body) => Results.Json(body);

    private static async Task<(string? Text, IResult? Problem)> TextAsync(HttpContext http, string field, int limit)
    {
        var body = await ReadObjectAsync(http);
        if (body.Problem is not null)
        {
            return (null, body.Problem);
        }

        var text = body.Value?[field]?.GetValueKind() == JsonValueKind.String ? body.Value[field]!.GetValue<string>().Trim() : "";
        return text.Length == 0 ? (null, ApiProblems.BadRequest($"{field} must be a non-empty string."))
            : text.Length > limit ? (null, ApiProblems.BadRequest(new InputTooLongException(field, limit)))
            : (text, null);
    }

    private static async Task<(JsonObject? Value, IResult? Problem)> ReadObjectAsync(HttpContext http)
    {
        if (http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType())
        {
            return (null, null);
        }

        if (!http.Request.HasJsonContentType())
        {
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send application/json."));
        }

        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) is JsonObject value
                ? (value, null)
                : (null, ApiProblems.BadRequest("The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadRequest($"The body is not valid JSON: {e.Message}"));
        }
    }
}
