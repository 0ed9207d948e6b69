using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceBot.Bot.Answers;
using ServiceBot.Knowledge;

namespace ServiceBot.Bot.Cli;

/// <summary>
/// <c>ask [--json] [--lang zh|en]</c>: questions on stdin, one per line; one answer per line on stdout
/// (design.md §3 contract for --json). No Redis, no network.
/// </summary>
internal static class AskCommand
{
    public static Command Create(ConsoleIo io, Option<string?> pathOption, Option<string?> langOption)
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per question (the ask contract)." };
        var command = new Command("ask", "Answer questions read from standard input, one per line.") { json, langOption, pathOption };
        command.SetAction(parse => Run(io, parse.GetValue(pathOption), parse.GetValue(langOption), parse.GetValue(json)));
        return command;
    }

    private static int Run(ConsoleIo io, string? path, string? lang, bool asJson)
    {
        if (!KnowledgeCommandBase.TryParseLanguage(lang, io, out var locale))
        {
            return 2;
        }

        using var knowledge = KnowledgeCommandBase.LoadOrReport(path, io);
        if (knowledge is null)
        {
            return 1;
        }

        while (io.In.ReadLine() is { } line)
        {
            var reply = KnowledgeReply.From(knowledge.Search(line, locale), knowledge);
            io.Out.WriteLine(asJson ? ToJson(line, reply) : ToText(line, reply));
        }

        return 0;
    }

    internal static string ToJson(string question, KnowledgeReply reply)
    {
        var top = reply.Result.Top;
        var line = new AskLine(
            question,
            reply.Result.Outcome.ToString().ToLowerInvariant(),
            reply.Result.Outcome == Knowledge.Search.SearchOutcome.Answer ? top?.Entry.Id : null,
            Math.Round(top?.Confidence ?? 0, 4),
            reply.Text,
            reply.Suggestions);
        return JsonSerializer.Serialize(line, AskJsonContext.Default.AskLine);
    }

    /// <summary>Readable form for editors: the outcome, the reply, and every candidate with its score and confidence.</summary>
    private static string ToText(string question, KnowledgeReply reply)
    {
        var candidates = reply.Result.Hits.Select(h => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"    {h.Entry.Id}  score {h.Score:0.000}  confidence {h.Confidence:0.00}"));
        return $"> {question}\n[{reply.Result.Outcome.ToString().ToLowerInvariant()}] {reply.Text}\n{string.Join('\n', candidates)}\n";
    }
}

internal sealed record AskLine(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("suggestions")] IReadOnlyList<Suggestion> Suggestions);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AskLine))]
internal sealed partial class AskJsonContext : JsonSerializerContext
{
    /// <summary>Chinese stays readable in the output instead of \uXXXX escapes.</summary>
    public static JsonSerializerOptions Relaxed { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
