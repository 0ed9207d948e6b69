using System.CommandLine;
using ServiceBot.Bot.Answers;
using ServiceBot.Bot.Resources;
using ServiceBot.Knowledge;
using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Bot.Cli;

/// <summary>
/// <c>chat</c>: talk to the bot in the terminal (or pipe messages, one per line). Needs no Redis; editors use it
/// to try their changes. A number answers the last "did you mean" list.
/// </summary>
internal static class ChatCommand
{
    public static Command Create(ConsoleIo io, Option<string?> pathOption, Option<string?> langOption)
    {
        var command = new Command("chat", "Chat with the bot in the terminal; reads messages from standard input.") { pathOption, langOption };
        command.SetAction(parse => Run(io, parse.GetValue(pathOption), parse.GetValue(langOption)));
        return command;
    }

    private static int Run(ConsoleIo io, string? path, string? lang)
    {
        if (!KnowledgeCommandBase.TryParseLanguage(lang, io, out var locale))
        {
            return 2;
        }

        using var knowledge = KnowledgeCommandBase.LoadOrReport(path, io);
        if (knowledge is null)
        {
            io.Error.WriteLine(BotText.ChatKnowledgeError(locale ?? Locales.Chinese));
            return 1;
        }

        io.Out.WriteLine("bot> " + BotText.ChatWelcome(locale ?? Locales.Chinese));
        IReadOnlyList<Suggestion> choices = [];
        var lastLocale = locale ?? Locales.Chinese;
        while (true)
        {
            io.Out.Write("you> ");
            io.Out.Flush();
            var line = io.In.ReadLine();
            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                return 0;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            KnowledgeReply reply;
            if (int.TryParse(line.Trim(), out var number) && number >= 1 && number <= choices.Count)
            {
                reply = KnowledgeReply.From(knowledge.Search(choices[number - 1].Question, lastLocale), knowledge);
            }
            else
            {
                reply = KnowledgeReply.From(knowledge.Search(line, locale), knowledge);
            }

            lastLocale = reply.Result.Locale;
            choices = reply.Result.Outcome == SearchOutcome.Clarify ? reply.Suggestions : [];
            io.Out.WriteLine("bot> " + reply.Text.Replace("\n", "\n     ", StringComparison.Ordinal));
            if (reply.Result.Outcome == SearchOutcome.Answer && reply.Suggestions.Count > 0)
            {
                io.Out.WriteLine("     " + BotText.FollowupsIntro(lastLocale) + " " + string.Join(" | ", reply.Suggestions.Select(s => s.Question)));
            }
        }
    }
}
