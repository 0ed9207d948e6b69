using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ServiceBot.Bot.Agents;
using ServiceBot.Bot.Tests.Refunds;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Tests.Agents;

/// <summary>Which tokens RequireAgent lets through: agent tokens only, unexpired, and on the hub also from the query.</summary>
public sealed class AgentTokenTests(AgentApiFixture service) : IClassFixture<AgentApiFixture>
{
    [Fact]
    public async Task A_call_without_a_token_is_401_with_a_problem()
    {
        var (status, body, response) = await AgentApi.GetAsync(service.Client, "/api/agent/me", bearer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_customers_Direct_Line_token_is_not_an_agent_token()
    {
        var (_, generated) = await PostWithBearerAsync("/v3/directline/tokens/generate", ServiceFixture.DirectLineSecret, """{"user":{"id":"c-alice"}}""");
        var directLine = generated.GetProperty("token").GetString()!;

        var (status, body, _) = await AgentApi.GetAsync(service.Client, "/api/agent/me", directLine);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("directline", 60, "alice")] // a Direct Line token signed with the agent key is still not one
    [InlineData("agent", -60, "alice")] // expired
    [InlineData("agent", 60, "mallory")] // no such agent
    public async Task A_token_for_another_audience_an_expired_one_or_one_for_no_agent_is_refused(string audience, int expiresInSeconds, string login)
    {
        var token = Forge(ServiceFixture.AgentTokenKey, audience, DateTime.UtcNow.AddSeconds(expiresInSeconds), login);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AgentApi.GetAsync(service.Client, "/api/agent/me", token)).Status);
    }

    [Fact]
    public async Task The_forged_shape_is_accepted_with_the_right_audience_key_and_time_so_the_refusals_above_mean_something()
    {
        var token = Forge(ServiceFixture.AgentTokenKey, AgentTokens.Audience, DateTime.UtcNow.AddMinutes(1), "alice");
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.GetAsync(service.Client, "/api/agent/me", token)).Status);

        var otherKey = Forge("another-key-of-at-least-32-characters-000", AgentTokens.Audience, DateTime.UtcNow.AddMinutes(1), "alice");
        Assert.Equal(HttpStatusCode.Unauthorized, (await AgentApi.GetAsync(service.Client, "/api/agent/me", otherKey)).Status);
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires_also_after_it_was_remembered()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var directory = service.Services.GetRequiredService<AgentDirectory>();
        var tokens = new AgentTokens(ServiceFixture.AgentTokenKey, TimeSpan.FromHours(8), directory, clock);
        var token = tokens.Issue(directory.Find("alice")!);

        Assert.Equal("alice", (await tokens.ValidateAsync(token))?.Login);
        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await tokens.ValidateAsync(token));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await tokens.ValidateAsync(token));
        Assert.Null(await new AgentTokens(ServiceFixture.AgentTokenKey, TimeSpan.FromHours(8), directory, clock).ValidateAsync(token));
    }

    [Fact]
    public async Task The_query_token_counts_on_the_hub_paths_only()
    {
        var token = await AgentApi.TokenAsync(service.Client, "sam", ServiceFixture.SamPassword);
        var authenticator = service.Services.GetRequiredService<AgentAuthenticator>();

        var hub = await authenticator.AuthenticateAsync(Request("/api/agent/hub", token));
        Assert.Equal(("sam", true), (hub?.Login, hub?.IsSupervisor));
        Assert.NotNull(await authenticator.AuthenticateAsync(Request("/api/agent/hub/negotiate", token)));
        Assert.Null(await authenticator.AuthenticateAsync(Request("/api/agent/me", token)));
        Assert.Null(await authenticator.AuthenticateAsync(Request("/api/agent/hubs", token)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await AgentApi.GetAsync(service.Client, "/api/agent/me?access_token=" + Uri.EscapeDataString(token), null)).Status);
    }

    [Fact]
    public async Task The_identity_carries_the_configured_skills_and_capacity()
    {
        var directory = service.Services.GetRequiredService<AgentDirectory>();
        Assert.Equal(new[] { Skill.Refund, Skill.General }, directory.Find("alice")!.Skills);
        Assert.Equal(2, directory.Find("alice")!.Capacity);
        Assert.Equal(HandoffNames.AllSkills, directory.Find("bob")!.Skills);
        Assert.True(directory.Find("sam")!.IsSupervisor);
        Assert.Null(directory.Find("nobody"));
        await Task.CompletedTask;
    }

    private static DefaultHttpContext Request(string path, string token)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        http.Request.QueryString = QueryString.Create(AgentAuthenticator.QueryTokenName, token);
        return http;
    }

    private static string Forge(string key, string audience, DateTime expires, string login) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = AgentTokens.Issuer,
        Audience = audience,
        Claims = new Dictionary<string, object> { ["sub"] = login, ["name"] = login, ["role"] = "agent" },
        IssuedAt = expires.AddHours(-1),
        NotBefore = expires.AddHours(-1),
        Expires = expires,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(key))), SecurityAlgorithms.HmacSha256),
    });

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostWithBearerAsync(string path, string bearer, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        using var response = await service.Client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
