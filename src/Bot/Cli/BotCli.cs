using System.CommandLine;

namespace ServiceBot.Bot.Cli;

/// <summary>The command line: serve, chat, ask, kb lint, kb eval, agent hash-password.</summary>
public static class BotCli
{
    public static RootCommand Create(ConsoleIo io)
    {
        var path = new Option<string?>("--path") { Description = "Knowledge folder (default: Knowledge:Path, else ./knowledge or the nearest parent's)." };
        var lang = new Option<string?>("--lang") { Description = "Force the language: zh or en (default: detected per message)." };
        var root = new RootCommand("ServiceBot: customer-service bot and human handoff for refund questions.");
        root.Subcommands.Add(ServeCommand.Create(io));
        root.Subcommands.Add(ChatCommand.Create(io, path, lang));
        root.Subcommands.Add(AskCommand.Create(io, path, lang));
        root.Subcommands.Add(KbCommands.Create(io, path, lang));
        root.Subcommands.Add(AgentCommands.Create(io));
        return root;
    }

    public static Task<int> RunAsync(string[] args, ConsoleIo io) =>
        Create(io).Parse(args).InvokeAsync(new InvocationConfiguration { Output = io.Out, Error = io.Error });
}
