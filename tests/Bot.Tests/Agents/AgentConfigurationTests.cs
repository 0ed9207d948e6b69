using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceBot.Bot.Cli;
using ServiceBot.Bot.Hosting;

namespace ServiceBot.Bot.Tests.Agents;

/// <summary>Agents in configuration: a setting that cannot work stops the start with its reason; hashes come from the CLI.</summary>
public sealed class AgentConfigurationTests
{
    private const string Hash = "AQAAAAIAAYagAAAAEF5zSUQ0sHE45zM9jnp17WVaeAIxyGtJ2NK7mDG0/q99+YgQ4lqnDHQhjmqbN8gvAw==";

    [Theory]
    [InlineData("--Handoff:Agents:eve:Role", "boss", "Handoff:Agents:eve:Role 'boss' is not agent or supervisor")]
    [InlineData("--Handoff:Agents:eve:Capacity", "0", "Handoff:Agents:eve:Capacity must be at least 1")]
    [InlineData("--Handoff:Agents:eve:Skills:0", "billing", "'billing' is not a skill")]
    [InlineData("--Handoff:Agents:eve:Name", "Eve", "Handoff:Agents:eve:PasswordHash is missing")]
    [InlineData("--Handoff:Agents:eve:PasswordHash", "plain-text-password", "is not an ASP.NET Core Identity v3 hash")]
    [InlineData("--Handoff:Agents:e{v}:PasswordHash", Hash, "the login must be")]
    [InlineData("--Handoff:TokenKey", "short", "Handoff:TokenKey must be at least 32")]
    [InlineData("--Handoff:TokenLifetime", "00:00:10", "Handoff:TokenLifetime must be at least a minute")]
    [InlineData("--Handoff:Queue:OfferTimeout", "00:00:00", "Handoff:Queue:OfferTimeout must be positive")]
    public async Task An_unusable_agent_setting_stops_the_service_at_start(string key, string value, string expected)
    {
        string[] withHash = key.EndsWith(":PasswordHash", StringComparison.Ordinal) || key.EndsWith(":Name", StringComparison.Ordinal) || !key.Contains(":eve:", StringComparison.Ordinal)
            ? []
            : ["--Handoff:Agents:eve:PasswordHash", Hash];
        var failure = await StartAsync([.. ServiceFixture.AgentSettings, .. withHash, key, value]);

        Assert.True(failure is OptionsValidationException or InvalidOperationException, $"started, or failed otherwise: {failure}");
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_without_a_token_key_stop_the_service_outside_Development()
    {
        var failure = await StartAsync(["--Handoff:Agents:eve:PasswordHash", Hash]);
        Assert.Contains("Handoff:TokenKey is not set", failure?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_agents_need_no_token_key()
    {
        Assert.Null(await StartAsync([]));
    }

    [Fact]
    public async Task In_Development_a_missing_token_key_is_generated_and_agents_can_sign_in()
    {
        var settings = ServiceFixture.AgentSettings.Where((_, i) => i >= 2).Append("--environment").Append("Development").ToArray();
        Assert.DoesNotContain("--Handoff:TokenKey", settings);
        await using var service = new ConfiguredService(settings);
        await service.InitializeAsync();

        var token = await AgentApi.TokenAsync(service.Client, "bob", ServiceFixture.BobPassword);
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.GetAsync(service.Client, "/api/agent/me", token)).Status);
    }

    [Fact]
    public async Task Hash_password_prints_a_hash_that_verifies_the_password_from_stdin()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BotCli.RunAsync(["agent", "hash-password"], new ConsoleIo(new StringReader("correct horse battery staple\n"), output, error));

        Assert.True(exit == 0, error.ToString());
        var hash = output.ToString().Trim();
        var hasher = new PasswordHasher<string>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword("", hash, "correct horse battery staple"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword("", hash, "correct horse battery"));
    }

    [Fact]
    public async Task Hash_password_refuses_an_empty_stdin()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BotCli.RunAsync(["agent", "hash-password"], new ConsoleIo(new StringReader(""), output, error));

        Assert.Equal(2, exit);
        Assert.Empty(output.ToString());
        Assert.Contains("No password on standard input", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Builds and starts the service (Redis unreachable: nothing here needs it); the exception, or null when it started.</summary>
    private static async Task<Exception?> StartAsync(string[] settings) => await Record.ExceptionAsync(async () =>
    {
        var app = ServiceHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Knowledge:Path", RepositoryPaths.Knowledge,
            "--ConnectionStrings:Redis", TestRedis.Unreachable,
            "--Logging:LogLevel:Default", "None",
            "--DirectLine:Secret", ServiceFixture.DirectLineSecret,
            .. settings,
        ]);
        await using (app)
        {
            await app.StartAsync();
            await app.StopAsync();
        }
    });
}
