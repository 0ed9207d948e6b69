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

    protected virtual string RedisConnectionString => TestRedis.ConnectionString;

    /// <summary>More configuration for a fixture of its own (command-line style: "--Key", "value").</summary>
    protected virtual IEnumerable<string> Settings => [];

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
            .. Settings,
        ]);
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
