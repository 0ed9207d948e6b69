using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ServiceBot.Bot.Tests.Channels;

/// <summary>Uploads over real HTTP: images by their bytes, policy limits, names, and who may read a file back.</summary>
public sealed class DirectLineUploadTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_uploaded_image_is_posted_with_a_content_url_only_that_conversations_token_reads()
    {
        var (conversationId, token) = await StartAsync();
        using var response = await UploadAsync(conversationId, token, [("../../etc/passwd.png", Png)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var activity = await ActivityAsync(conversationId, token, id!);
        var attachment = activity.GetProperty("attachments")[0];
        Assert.Equal(("image/png", "passwd.png"), (attachment.GetProperty("contentType").GetString(), attachment.GetProperty("name").GetString()));
        var url = new Uri(attachment.GetProperty("contentUrl").GetString()!);

        using var image = await service.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());

        var (_, otherToken) = await StartAsync();
        var withoutToken = new UriBuilder(url) { Query = "" }.Uri;
        using var anonymous = await service.Client.GetAsync(withoutToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var other = await service.Client.GetAsync(new UriBuilder(url) { Query = "t=" + Uri.EscapeDataString(otherToken) }.Uri);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task A_text_file_named_png_is_not_an_image_and_changes_nothing()
    {
        var (conversationId, token) = await StartAsync();
        using var response = await UploadAsync(conversationId, token, [("photo.png", Encoding.UTF8.GetBytes("<script>alert(1)</script>"))]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await CountAsync(conversationId, token));
    }

    [Fact]
    public async Task A_50_MB_upload_is_refused_with_413_and_changes_nothing()
    {
        var (conversationId, token) = await StartAsync();
        var big = new byte[50 * 1024 * 1024];
        Png.CopyTo(big, 0);
        using var response = await UploadAsync(conversationId, token, [("big.png", big)]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await CountAsync(conversationId, token));
    }

    [Fact]
    public async Task Too_many_files_and_another_conversations_token_are_refused()
    {
        var (conversationId, token) = await StartAsync();
        var (_, otherToken) = await StartAsync();
        using var many = await UploadAsync(conversationId, token, Enumerable.Range(0, 7).Select(i => ($"{i}.png", Png)).ToArray());
        using var foreign = await UploadAsync(conversationId, otherToken, [("a.png", Png)]);

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(1, await CountAsync(conversationId, token));
    }

    private async Task<HttpResponseMessage> UploadAsync(string conversationId, string token, (string Name, byte[] Data)[] files)
    {
        var form = new MultipartFormDataContent();
        var activity = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"type":"message","text":"","from":{"id":"c-alice"}}"""));
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        foreach (var (name, data) in files)
        {
            var part = new ByteArrayContent(data);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, "file", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v3/directline/conversations/{conversationId}/upload?userId=c-alice", UriKind.Relative)) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            return await service.Client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The server may answer 413 and close before a huge body is sent: ask again with the headers only.
            using var probe = new HttpRequestMessage(HttpMethod.Post, request.RequestUri) { Content = new ByteArrayContent([]) };
            probe.Content.Headers.ContentType = form.Headers.ContentType;
            probe.Content.Headers.ContentLength = form.Headers.ContentLength;
            probe.Headers.Authorization = request.Headers.Authorization;
            probe.Headers.ExpectContinue = true;
            return await service.Client.SendAsync(probe);
        }
    }

    private Task<(string ConversationId, string Token)> StartAsync() => DirectLineTestClient.StartAsync(service.Client, service.Client.BaseAddress!);

    private async Task<JsonElement> ActivityAsync(string conversationId, string token, string id) =>
        (await DirectLineTestClient.ActivitiesAsync(service.Client, service.Client.BaseAddress!, conversationId, token)).Single(a => a.GetProperty("id").GetString() == id);

    private async Task<int> CountAsync(string conversationId, string token) =>
        (await DirectLineTestClient.ActivitiesAsync(service.Client, service.Client.BaseAddress!, conversationId, token)).Count;
}
