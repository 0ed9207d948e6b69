using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Bot.Hosting;

namespace ServiceBot.Tests.Support;

/// <summary>The real web service on a free loopback port, talked to over real HTTP.</summary>
public class ServiceFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = new();

    public IServiceProvider Services => _app!.Services;

    public const string DirectLineSecret = "test-directline-secret-5e1f";
    public const string DirectLineTokenKey = "test-token-key-0123456789abcdef0123456789";

    /// <summary>Signs agent tokens; agents alice (refund, general; 2 chats), bob (all skills) and sam (supervisor).</summary>
    public const string AgentTokenKey = "test-agent-token-key-0123456789abcdef0123";
    public const string AlicePassword = "alice-pass-1234";
    public const string BobPassword = "bob-pass-1234";
    public const string SamPassword = "sam-pass-1234";

    /// <summary>The three test agents (hashes printed by "agent hash-password" for the passwords above).</summary>
    public static IReadOnlyList<string> AgentSettings { get; } =
    [
        "--Handoff:TokenKey", AgentTokenKey,
        "--Handoff:Agents:alice:Name", "Alice",
        "--Handoff:Agents:alice:PasswordHash", "AQAAAAIAAYagAAAAEF5zSUQ0sHE45zM9jnp17WVaeAIxyGtJ2NK7mDG0/q99+YgQ4lqnDHQhjmqbN8gvAw==",
        "--Handoff:Agents:alice:Role", "agent",
        "--Handoff:Agents:alice:Capacity", "2",
        "--Handoff:Agents:alice:Skills:0", "refund",
        "--Handoff:Agents:alice:Skills:1", "general",
        "--Handoff:Agents:bob:Name", "Bob",
        "--Handoff:Agents:bob:PasswordHash", "AQAAAAIAAYagAAAAEC0/d16823Swrf94Y/CZ4x5b1wH5UdJZ60wj1VuHsn2Qy9qGH5sDDFs4DnvuPoqnbw==",
        "--Handoff:Agents:bob:Role", "agent",
        "--Handoff:Agents:sam:Name", "Sam",
        "--Handoff:Agents:sam:PasswordHash", "AQAAAAIAAYagAAAAEFAqhfWVLXF+Z1C2RwJdietePU9/vTCTjOOVPehrt3JbIyQvt/Tj2Ot2dQ09XOPLKw==",
        "--Handoff:Agents:sam:Role", "supervisor",
    ];

    protected virtual string RedisConnectionString => TestRedis.ConnectionString;

    /// <summary>More configuration for a fixture of its own (command-line style: "--Key", "value").</summary>
    protected virtual IEnumerable<string> Settings => [];

    /// <summary>Registrations after the service's own (e.g. a slow order service).</summary>
    protected virtual void Configure(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        _app = ServiceHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Knowledge:Path", RepositoryPaths.Knowledge,
            "--ConnectionStrings:Redis", RedisConnectionString,
            "--Redis:KeyPrefix", TestRedis.UniquePrefix(),
            "--Redis:ConnectTimeoutMs", "500",
            "--Logging:LogLevel:Default", "Warning",
            "--DirectLine:Secret", DirectLineSecret,
            "--DirectLine:TokenKey", DirectLineTokenKey,
            .. AgentSettings,
            .. Settings,
        ], Configure);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The same service configured with a Redis address where nothing listens.</summary>
public sealed class ServiceWithoutRedisFixture : ServiceFixture
{
    protected override string RedisConnectionString => TestRedis.Unreachable;
}
