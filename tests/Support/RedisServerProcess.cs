using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ServiceBot.Tests.Support;

/// <summary>
/// A redis-server of one test's own (the shared one of ./test.sh must never be stopped), on a free loopback port,
/// with AOF on and fsync on every write, so it can be hung, killed -9 and restarted from its data like a real one.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("servicebot-redis-").FullName;
    private Process? _process;

    private RedisServerProcess(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync()
    {
        var server = new RedisServerProcess(FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and data folder, and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo("redis-server",
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--enable-debug-command", "yes", "--loglevel", "warning",
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AnswersAsync())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not come up");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGSTOP: the server keeps its connections but answers nothing, like a hung or partitioned host.</summary>
    public void Hang() => Signal("STOP");

    public void Resume() => Signal("CONT");

    /// <summary>kill -9: no shutdown, no final write; what survives is what the AOF already had.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            Signal("CONT");
        }

        await KillAsync();
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
            return read > 0 && buffer[0] == (byte)'+';
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
