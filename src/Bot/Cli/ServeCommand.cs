using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServiceBot.Bot.Hosting;

namespace ServiceBot.Bot.Cli;

/// <summary><c>serve</c>: runs the web service until stopped (Ctrl+C).</summary>
internal static class ServeCommand
{
    public static Command Create(ConsoleIo io)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default from configuration: http://localhost:5080)." };
        var command = new Command("serve", "Run the ServiceBot web service.") { urls };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var hostArgs = parse.UnmatchedTokens.ToList();
            if (parse.GetValue(urls) is { } value)
            {
                hostArgs.AddRange(["--urls", value]);
            }

            await using var app = ServiceHost.Build([.. hostArgs]);
            await app.StartAsync(cancellationToken);
            foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                io.Out.WriteLine($"ServiceBot is listening on {address}");
            }

            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
