using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Handoff.Redis;

namespace ServiceBot.Bot.Tests.Agents;

/// <summary>POST /api/agent/login (design.md §3) on the real service and Redis.</summary>
public sealed class AgentLoginTests(AgentApiFixture service) : IClassFixture<AgentApiFixture>
{
    [Fact]
    public async Task A_right_password_gets_a_token_for_the_agent_and_declares_it_to_the_queue()
    {
        var (status, body, _) = await AgentApi.LoginAsync(service.Client, "alice", ServiceFixture.AlicePassword);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["token", "expires_in", "login", "name", "role"], body.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        Assert.Equal(8 * 3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(("alice", "Alice", "agent"),
            (body.GetProperty("login").GetString(), body.GetProperty("name").GetString(), body.GetProperty("role").GetString()));

        var redis = service.Services.GetRequiredService<RedisConnection>();
        var declared = (await (await redis.DatabaseAsync()).HashGetAllAsync(redis.Keys.Handoff.Agent("alice"))).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        Assert.Equal("refund,general", declared["skills"]);
        Assert.Equal("2", declared["cap"]);
    }

    [Fact]
    public async Task A_login_in_another_case_is_the_configured_agent()
    {
        var (status, body, _) = await AgentApi.LoginAsync(service.Client, "SAM", ServiceFixture.SamPassword);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("sam", "supervisor"), (body.GetProperty("login").GetString(), body.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_login_get_the_same_401()
    {
        var (wrongStatus, wrong, _) = await AgentApi.LoginAsync(service.Client, "bob", "not-bobs-password");
        var (unknownStatus, unknown, _) = await AgentApi.LoginAsync(service.Client, "nobody", "not-bobs-password");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
        Assert.Equal(401, wrong.GetProperty("status").GetInt32());
        Assert.Equal(AgentApi.WithoutTrace(wrong), AgentApi.WithoutTrace(unknown));
    }

    [Theory]
    [InlineData("{\"login\": \"alice\", ")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"login\": \"alice\"}")]
    [InlineData("{\"login\": \"\", \"password\": \"x\"}")]
    [InlineData("{\"login\": 5, \"password\": \"x\"}")]
    public async Task A_malformed_body_is_400_with_a_problem(string json)
    {
        var (status, body, _) = await AgentApi.PostJsonAsync(service.Client, "/api/agent/login", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_agent_reads_itself_with_its_token()
    {
        var token = await AgentApi.TokenAsync(service.Client, "alice", ServiceFixture.AlicePassword);
        var (status, me, _) = await AgentApi.GetAsync(service.Client, "/api/agent/me", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"login":"alice","name":"Alice","role":"agent","skills":["refund","general"],"capacity":2}""", me.GetRawText());

        var bob = await AgentApi.TokenAsync(service.Client, "bob", ServiceFixture.BobPassword);
        var (_, bobMe, _) = await AgentApi.GetAsync(service.Client, "/api/agent/me", bob);
        Assert.Equal(["refund", "logistics", "general"], bobMe.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(3, bobMe.GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task Failures_of_one_login_block_it_with_429_and_Retry_After_but_not_another_login()
    {
        await using var limited = new ConfiguredService("--Handoff:LoginFailuresPerAddress", "1000");
        await limited.InitializeAsync();
        for (var i = 0; i < 10; i++)
        {
            var (status, _, _) = await AgentApi.LoginAsync(limited.Client, "alice", "guess-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }

        var (blocked, body, response) = await AgentApi.LoginAsync(limited.Client, "alice", ServiceFixture.AlicePassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked);
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 60);

        var (other, _, _) = await AgentApi.LoginAsync(limited.Client, "bob", ServiceFixture.BobPassword);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task Failures_from_one_address_block_every_login_from_it_a_success_does_not_reset_them_and_other_addresses_go_on()
    {
        await using var limited = new ConfiguredService();
        await limited.InitializeAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AgentApi.LoginAsync(limited.Client, "user-" + i, "guess")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await AgentApi.LoginAsync(limited.Client, "alice", ServiceFixture.AlicePassword)).Status);
        for (var i = 5; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AgentApi.LoginAsync(limited.Client, "user-" + i, "guess")).Status);
        }

        var (blocked, body, response) = await AgentApi.LoginAsync(limited.Client, "bob", ServiceFixture.BobPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked);
        Assert.Equal("Too many requests", body.GetProperty("title").GetString());
        Assert.NotNull(response.Headers.RetryAfter);

        using var elsewhere = AgentApi.From("127.0.0.2", limited.Client.BaseAddress!);
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.LoginAsync(elsewhere, "bob", ServiceFixture.BobPassword)).Status);
    }

    [Fact]
    public async Task The_counters_live_in_Redis_under_hashed_names_with_their_window()
    {
        await using var limited = new ConfiguredService();
        await limited.InitializeAsync();
        await AgentApi.LoginAsync(limited.Client, "a:b{c}", "guess");

        var redis = limited.Services.GetRequiredService<RedisConnection>();
        var database = await redis.DatabaseAsync();
        var loginKey = redis.Keys.AgentLoginFailuresOfLogin("A:B{C}");
        Assert.StartsWith(redis.Keys.Prefix + "agent-login-failures:login:", loginKey.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("{", loginKey.ToString()[redis.Keys.Prefix.Length..], StringComparison.Ordinal);
        Assert.Equal(1, (long)await database.StringGetAsync(loginKey));
        Assert.InRange((await database.KeyTimeToLiveAsync(loginKey))!.Value.TotalSeconds, 1, 60);
        Assert.Equal(1, (long)await database.StringGetAsync(redis.Keys.AgentLoginFailuresOfAddress("127.0.0.1")));
    }
}
