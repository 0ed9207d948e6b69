using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ServiceBot.Bot.Tests;

/// <summary>The knowledge HTTP API over real HTTP: answers, clean 4xx JSON errors, and no 500 on odd input.</summary>
public sealed class KnowledgeApiTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private HttpClient Client => service.Client;

    [Fact]
    public async Task Search_answers_with_hits_confidence_and_rendered_answers()
    {
        using var json = await GetJson("/api/kb/search?q=" + Uri.EscapeDataString("退款多久能到账") + "&top=3", HttpStatusCode.OK);
        var root = json.RootElement;
        Assert.Equal("answer", root.GetProperty("outcome").GetString());
        Assert.Equal("zh-CN", root.GetProperty("locale").GetString());
        var hits = root.GetProperty("hits");
        Assert.InRange(hits.GetArrayLength(), 1, 3);
        var top = hits[0];
        Assert.Equal("refund-arrival-time", top.GetProperty("id").GetString());
        Assert.InRange(top.GetProperty("confidence").GetDouble(), 0.5, 1);
        Assert.StartsWith("<", top.GetProperty("answer").GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("{{", top.GetProperty("answer").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_respects_the_language_parameter()
    {
        using var json = await GetJson("/api/kb/search?q=refund&lang=en", HttpStatusCode.OK);
        Assert.Equal("en", json.RootElement.GetProperty("locale").GetString());
    }

    [Theory]
    [InlineData("/api/kb/search", "q is required")]
    [InlineData("/api/kb/search?q=x&lang=fr", "lang must be zh or en")]
    [InlineData("/api/kb/search?q=x&top=abc", "top must be a whole number")]
    [InlineData("/api/kb/search?q=x&top=0", "top must be a whole number")]
    [InlineData("/api/kb/search?q=x&top=11", "top must be a whole number")]
    [InlineData("/api/kb/entries/refund-arrival-time?lang=xx", "lang must be zh or en")]
    public async Task Bad_parameters_get_400_with_a_json_problem(string url, string detail)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> OddQuestions() => new()
    {
        " ",
        "   \t ",
        "\u0001\u0002\u001b[0m",
        "😀😂👍🏻",
        "AND OR ( * ~ \" \\",
        "退款 AND (到账 OR \"多久\")~2 title:*",
        "<script>alert(1)</script>",
        "%00%ff",
        "\ud800",
    };

    [Theory]
    [MemberData(nameof(OddQuestions))]
    public async Task Odd_questions_get_a_clean_result(string question)
    {
        using var json = await GetJson("/api/kb/search?q=" + Uri.EscapeDataString(question), HttpStatusCode.OK);
        Assert.Contains(json.RootElement.GetProperty("outcome").GetString(), new[] { "answer", "clarify", "fallback" });
    }

    [Fact]
    public async Task A_question_of_the_longest_allowed_length_can_be_posted_even_fully_escaped()
    {
        var question = string.Concat(Enumerable.Repeat("退款多久到账？", 2000 / 7)).PadRight(2000, '？');
        // Every character as \uXXXX: the body limit must still fit the longest question.
        var body = "{\"q\":\"" + string.Concat(question.Select(c => $"\\u{(int)c:x4}")) + "\"}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("/api/kb/search", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(json.RootElement.GetProperty("outcome").GetString(), new[] { "answer", "clarify", "fallback" });
    }

    [Fact]
    public async Task A_question_over_the_limit_is_refused_with_400_naming_the_field_and_the_limit()
    {
        var question = new string('退', 2001);
        using var posted = await Client.PostAsJsonAsync(new Uri("/api/kb/search", UriKind.Relative), new { q = question });
        using var got = await Client.GetAsync(new Uri("/api/kb/search?q=" + new string('a', 2001), UriKind.Relative));
        foreach (var response in new[] { posted, got })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(("q", 2000), (json.RootElement.GetProperty("field").GetString(), json.RootElement.GetProperty("limit").GetInt32()));
            Assert.DoesNotContain("aaaaaaaa", json.RootElement.GetRawText(), StringComparison.Ordinal); // not echoed back
            Assert.DoesNotContain("退退退", json.RootElement.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_10_MB_body_is_refused_with_413_json_before_it_is_read()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/kb/search", UriKind.Relative))
        {
            Content = new StringContent("{\"q\":\"" + new string('a', 10 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true; // the server answers before the body is sent
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_malformed_json_body_gets_400_json()
    {
        using var content = new StringContent("{\"q\": ", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("/api/kb/search", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_is_served_in_each_language_and_an_unknown_one_is_404()
    {
        using var zh = await GetJson("/api/kb/entries/hotline", HttpStatusCode.OK);
        Assert.Equal("zh-CN", zh.RootElement.GetProperty("locale").GetString());
        Assert.True(zh.RootElement.GetProperty("alternates").GetArrayLength() >= 4);

        using var en = await GetJson("/api/kb/entries/hotline?lang=en", HttpStatusCode.OK);
        Assert.Equal("en", en.RootElement.GetProperty("locale").GetString());

        using var missing = await GetJson("/api/kb/entries/no-such-entry", HttpStatusCode.NotFound);
        Assert.Contains("no-such-entry", missing.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_sources_and_status_problems_show_paths_relative_to_the_knowledge_folder()
    {
        using var zh = await GetJson("/api/kb/entries/hotline", HttpStatusCode.OK);
        Assert.Matches(@"^faq/zh-CN/hotline\.md:\d+$", zh.RootElement.GetProperty("source").GetString());

        var root = Path.GetFullPath(RepositoryPaths.Knowledge);
        var status = new Knowledge.Hosting.KnowledgeStatus(true, 1, null, new Dictionary<string, int>(), null, false,
            [new Knowledge.Model.Problem(Path.Combine(root, "faq", "en", "broken.md"), 3, Knowledge.Model.Severity.Error, "bad")]);
        var problem = Assert.Single(KnowledgeApi.StatusDto.From(status, root).Problems);
        Assert.Equal("faq/en/broken.md:3: error: bad", problem);
    }

    [Fact]
    public async Task Status_reports_the_serving_knowledge_base()
    {
        using var json = await GetJson("/api/kb/status", HttpStatusCode.OK);
        var root = json.RootElement;
        Assert.True(root.GetProperty("ready").GetBoolean());
        Assert.Equal(0, root.GetProperty("errors").GetInt32());
        Assert.True(root.GetProperty("entriesPerLocale").GetProperty("zh-CN").GetInt32() >= 45);
        Assert.True(root.GetProperty("entriesPerLocale").GetProperty("en").GetInt32() >= 45);
    }

    [Fact]
    public async Task Health_is_ok_when_redis_and_knowledge_are_ready()
    {
        using var json = await GetJson("/healthz", HttpStatusCode.OK);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
    }

    private async Task<JsonDocument> GetJson(string url, HttpStatusCode expected)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}

public sealed class HealthWithoutRedisTests(ServiceWithoutRedisFixture service) : IClassFixture<ServiceWithoutRedisFixture>
{
    [Fact]
    public async Task Health_is_503_with_a_json_reason_when_redis_is_down()
    {
        using var response = await service.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unavailable", json.RootElement.GetProperty("status").GetString());
        Assert.Contains(json.RootElement.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("Redis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Knowledge_search_still_works_while_redis_is_down()
    {
        using var response = await service.Client.GetAsync(new Uri("/api/kb/search?q=" + Uri.EscapeDataString("客服电话"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
