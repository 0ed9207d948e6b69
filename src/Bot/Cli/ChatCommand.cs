using System.CommandLine;
using Microsoft.Extensions.Configuration;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Transcripts;
using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Hosting;
using ServiceBot.Bot.Resources;
using ServiceBot.Bot.Turns;
using ServiceBot.Knowledge.Hosting;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Bot.Cli;

/// <summary>
/// <c>chat</c>: talk to the bot in the terminal, or pipe messages (one per line). The real turn pipeline with
/// in-memory stores and the demo orders: no Redis needed. <c>/attach a.jpg b.png</c> sends images as evidence
/// (by name only: the terminal has no upload, so they are referenced under the reserved .invalid domain).
/// Each activity is printed once, from where it came: a turn's replies as the turn returns them, and what the bot said
/// on its own (refund news) from the transcript after the last watermark shown. The chat appends nothing to the
/// transcript, so the transcript holds only what it has not printed yet.
/// </summary>
internal static class ChatCommand
{
    public static Command Create(ConsoleIo io, Option<string?> pathOption, Option<string?> langOption)
    {
        var customer = new Option<string>("--customer") { Description = "Demo customer to chat as (c-alice, c-bob, c-carol).", DefaultValueFactory = _ => "c-alice" };
        var command = new Command("chat", "Chat with the bot in the terminal; reads messages from standard input.") { pathOption, langOption, customer };
        command.SetAction((parse, cancellationToken) => RunAsync(io, parse.GetValue(pathOption), parse.GetValue(langOption), parse.GetValue(customer)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ConsoleIo io, string? path, string? lang, string customerId, CancellationToken cancellationToken)
    {
        if (!KnowledgeCommandBase.TryParseLanguage(lang, io, out var locale))
        {
            return 2;
        }

        var overrides = new Dictionary<string, string?>
        {
            ["Conversations:Store"] = "memory",
            ["Refunds:Store"] = "memory",
            ["Knowledge:Path"] = BotConfiguration.Knowledge(BotConfiguration.Load(), path).ResolvePath(),
        };
        var configuration = new ConfigurationBuilder().AddConfiguration(BotConfiguration.Load()).AddInMemoryCollection(overrides).Build();
        await using var services = BotServices.Build(configuration);
        if (services.GetRequiredService<KnowledgeHost>().Current is null)
        {
            foreach (var problem in services.GetRequiredService<KnowledgeHost>().Status.Problems.Where(p => p.Severity == Severity.Error))
            {
                io.Error.WriteLine(problem);
            }

            io.Error.WriteLine(BotText.ChatKnowledgeError(locale ?? Locales.Chinese));
            return 1;
        }

        var processor = services.GetRequiredService<TurnProcessor>();
        var transcript = services.GetRequiredService<ITranscript>();
        long shown = 0;
        var conversation = new ConversationAccount("chat-" + Guid.NewGuid().ToString("N")[..12]);
        var from = new ChannelAccount(customerId, customerId, "user");
        io.Out.WriteLine("bot> " + BotText.ChatWelcome(locale ?? Locales.Chinese));
        for (var n = 1; ; n++)
        {
            io.Out.Write("you> ");
            io.Out.Flush();
            var line = await io.In.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                return 0;
            }

            var activity = new Activity
            {
                Id = "m" + n,
                From = from,
                Conversation = conversation,
                Locale = locale,
                Text = line.StartsWith("/attach", StringComparison.Ordinal) ? "" : line,
                Attachments = line.StartsWith("/attach", StringComparison.Ordinal) ? Attachments(line) : null,
            };
            foreach (var reply in await processor.ProcessAsync(activity, cancellationToken))
            {
                Print(io, "bot> ", reply);
            }

            var notices = await transcript.ReadAllAsync(conversation.Id, shown, cancellationToken);
            shown = notices.Watermark;
            foreach (var notice in notices.Entries)
            {
                Print(io, "bot (notice)> ", notice.Activity);
            }
        }
    }

    private static List<Attachment> Attachments(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(name => new Attachment(ContentType(name), "https://chat.invalid/attachments/" + Uri.EscapeDataString(name), name, 0))
            .ToList();

    private static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        _ => "application/octet-stream",
    };

    private static void Print(ConsoleIo io, string speaker, Activity activity)
    {
        io.Out.WriteLine(speaker + (activity.Text ?? "").Replace("\n", "\n     ", StringComparison.Ordinal));
        if (activity.SuggestedActions is { Actions.Count: > 0 } actions)
        {
            io.Out.WriteLine("     " + string.Join("  ", actions.Actions.Select((a, i) => $"[{i + 1}] {a.Title}")));
        }
    }
}
