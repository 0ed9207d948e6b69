using System.CommandLine;
using ServiceBot.Bot.Agents;

namespace ServiceBot.Bot.Cli;

/// <summary><c>agent hash-password</c>: reads a password from stdin (one line) and prints its hash for Handoff:Agents:&lt;login&gt;:PasswordHash.</summary>
internal static class AgentCommands
{
    public static Command Create(ConsoleIo io)
    {
        var hash = new Command("hash-password", "Read a password from standard input and print its hash (ASP.NET Core Identity v3) for configuration.");
        hash.SetAction(_ => HashPassword(io));
        return new Command("agent", "Agent accounts.") { hash };
    }

    internal static int HashPassword(ConsoleIo io)
    {
        // Only the line ending is taken off: spaces may be part of the password.
        var password = io.In.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            io.Error.WriteLine("No password on standard input: send it as one line, e.g. read -rs pw; printf '%s\\n' \"$pw\" | ... agent hash-password");
            return 2;
        }

        io.Out.WriteLine(new AgentPasswords().Hash(password));
        return 0;
    }
}
