using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Channels;

/// <summary>
/// The real service as a process of its own (`ServiceBot serve`) on a loopback port, so a test can kill -9 it like a
/// crashed instance. Several may share one Redis key prefix: they are then instances of one deployment.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static async Task<ServiceProcess> StartAsync(string keyPrefix, int? port = null)
    {
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "ServiceBot.dll"), "serve", "--urls", $"http://127.0.0.1:{chosen}",
            "--Knowledge:Path", RepositoryPaths.Knowledge,
            "--ConnectionStrings:Redis", TestRedis.ConnectionString,
            "--Redis:KeyPrefix", keyPrefix,
            "--DirectLine:Secret", ServiceFixture.DirectLineSecret,
            "--DirectLine:TokenKey", ServiceFixture.DirectLineTokenKey,
            "--Logging:LogLevel:Default", "Warning",
            "--Handoff:ServiceHours", "00:00-24:00",
            .. ServiceFixture.AgentSettings,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the service did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, chosen);
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the service on port {chosen} did not become healthy (exited: {process.HasExited})");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>kill -9: sockets drop, nothing is said goodbye.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
