using ServiceBot.Bot.Hosting;
using ServiceBot.Knowledge;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Bot.Cli;

/// <summary>Loading shared by the verbs that work on the knowledge folder without a running service.</summary>
internal static class KnowledgeCommandBase
{
    /// <summary>Loads and builds the knowledge base; prints errors and returns null when it cannot be served.</summary>
    public static KnowledgeBase? LoadOrReport(string? path, ConsoleIo io)
    {
        var options = BotConfiguration.Knowledge(BotConfiguration.Load(), path);
        var source = KnowledgeLoader.Load(options.ResolvePath());
        if (source.HasErrors)
        {
            foreach (var problem in source.Problems.Where(p => p.Severity == Severity.Error))
            {
                io.Error.WriteLine(problem);
            }

            return null;
        }

        return KnowledgeBase.Build(source, options.Thresholds);
    }

    /// <summary>Parses --lang; null means "detect per question".</summary>
    public static bool TryParseLanguage(string? value, ConsoleIo io, out string? locale)
    {
        locale = value is null ? null : Locales.Parse(value);
        if (value is not null && locale is null)
        {
            io.Error.WriteLine($"error: --lang must be zh or en, not '{value}'");
            return false;
        }

        return true;
    }
}
