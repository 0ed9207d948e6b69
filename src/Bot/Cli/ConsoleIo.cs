namespace ServiceBot.Bot.Cli;

/// <summary>The streams a command reads and writes; the process console by default, strings in tests.</summary>
public sealed record ConsoleIo(TextReader In, TextWriter Out, TextWriter Error)
{
    public static ConsoleIo System { get; } = new(Console.In, Console.Out, Console.Error);
}
