using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Channels.DirectLine;

/// <summary>
/// POST …/upload?userId=: a multipart body with an "activity" part and "file" parts, as directlinejs sends it. Files
/// are checked against the live policy (count, size) and by their bytes (images only), stored, and the activity is
/// posted with attachments whose contentUrl only a token of this conversation can read.
/// </summary>
internal static class DirectLineUploads
{
    public static async Task<IResult> UploadAsync(string id, HttpContext http, DirectLineTokens tokens, ITranscript transcript, DirectLineTurns turns,
        UploadedFiles files, KnowledgeResponder knowledge, TimeProvider time)
    {
        var (grant, failure) = await DirectLineEndpoints.AuthorizeAsync(http, tokens, id);
        if (failure is not null)
        {
            return failure;
        }

        if (!http.Request.HasFormContentType)
        {
            return DirectLineErrors.UnsupportedMediaType("Send the files as multipart/form-data.");
        }

        var (maxFiles, maxBytes) = knowledge.UploadLimits;
        var bodyLimit = (maxFiles * maxBytes) + (64 * 1024);
        if (http.Request.ContentLength > bodyLimit)
        {
            return TooLarge(maxFiles, maxBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = bodyLimit;
        }

        if (!await DirectLineEndpoints.ExistsAsync(transcript, id, http.RequestAborted))
        {
            return DirectLineErrors.NotFound(id);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit, ValueCountLimit = 16 }, http.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            return e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? TooLarge(maxFiles, maxBytes) : DirectLineErrors.BadRequest("The multipart body is malformed.");
        }

        var uploads = form.Files.Where(f => f.Name == "file").ToList();
        if (uploads.Count == 0 || uploads.Count > maxFiles)
        {
            return DirectLineErrors.BadRequest($"Send 1 to {maxFiles} files.");
        }

        if (uploads.Any(f => f.Length > maxBytes))
        {
            return TooLarge(maxFiles, maxBytes);
        }

        var posted = await ReadActivityAsync(form);
        if (posted is null)
        {
            return DirectLineErrors.BadRequest("The activity part is missing or is not a message activity.");
        }

        var checkedFiles = new List<UploadedFile>();
        foreach (var upload in uploads)
        {
            using var buffer = new MemoryStream((int)upload.Length);
            await upload.CopyToAsync(buffer, http.RequestAborted);
            var data = buffer.ToArray();
            if (UploadedFiles.ImageTypeOf(data) is not { } type)
            {
                return DirectLineErrors.BadRequest($"'{UploadedFiles.SafeName(upload.FileName)}' is not a JPEG, PNG, GIF or WebP image.");
            }

            checkedFiles.Add(new UploadedFile(type, UploadedFiles.SafeName(upload.FileName), data));
        }

        var readToken = tokens.Issue(grant!);
        var attachments = new List<Attachment>();
        foreach (var file in checkedFiles)
        {
            var fileId = await files.SaveAsync(id, file);
            var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/v3/directline/conversations/{id}/attachments/{fileId}?t={Uri.EscapeDataString(readToken)}";
            attachments.Add(new Attachment(file.ContentType, url, file.Name, file.Data.LongLength));
        }

        var activity = posted with
        {
            Id = null,
            Attachments = attachments,
            From = new ChannelAccount(grant!.UserId, grant.UserName ?? posted.From?.Name, "user"),
            Conversation = new ConversationAccount(id),
            Timestamp = time.GetUtcNow(),
        };
        var stored = (await transcript.AppendAsync(id, [activity], http.RequestAborted))[0].Activity;
        turns.Enqueue(stored);
        return Results.Json(new ResourceResponse(stored.Id!), DirectLineJsonContext.Default.ResourceResponse);
    }

    /// <summary>An uploaded file, for a token of its conversation (in the header, or in the URL for an &lt;img&gt;).</summary>
    public static async Task<IResult> ReadAsync(string id, string file, string? t, HttpContext http, DirectLineTokens tokens, UploadedFiles files)
    {
        var (_, failure) = await DirectLineEndpoints.AuthorizeAsync(http, tokens, id, presented: t);
        if (failure is not null)
        {
            return failure;
        }

        if (await files.FindAsync(id, file) is not { } found)
        {
            return DirectLineErrors.NotFound(id);
        }

        // Served as the image it was checked to be, never sniffed into something else.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(found.Data, found.ContentType);
    }

    private static async Task<Activity?> ReadActivityAsync(IFormCollection form)
    {
        var part = form.Files.FirstOrDefault(f => f.Name == "activity");
        string? json = form["activity"].FirstOrDefault();
        if (part is not null)
        {
            using var reader = new StreamReader(part.OpenReadStream());
            json = await reader.ReadToEndAsync();
        }

        if (json is null || json.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            var activity = JsonSerializer.Deserialize(json, DirectLineJsonContext.Default.Activity);
            return activity is { Type: ActivityTypes.Message } ? activity : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(int maxFiles, long maxBytes) => Hosting.ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Too large",
        $"At most {maxFiles} files of {maxBytes / 1024 / 1024} MB each.");
}
