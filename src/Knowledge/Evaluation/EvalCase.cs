using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Knowledge.Evaluation;

/// <summary>
/// One line of an evaluation file: a question, the entry id that answers it (or "none"), other entries that are
/// equally right (<c>also</c>), and optionally its language and style (<c>kind</c> is the older name of style).
/// </summary>
public sealed record EvalCase(
    [property: JsonPropertyName("q")] string Question,
    [property: JsonPropertyName("expect")] string Expect,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("also")] IReadOnlyList<string>? Also = null,
    [property: JsonPropertyName("lang")] string? Lang = null,
    [property: JsonPropertyName("style")] string? StyleName = null)
{
    public const string None = "none";

    public bool InScope => Expect != None;

    /// <summary>The line's style for the tables: <c>style</c>, else <c>kind</c>, else "-".</summary>
    public string Style => StyleName ?? Kind ?? "-";

    /// <summary>Whether showing <paramref name="entryId"/> answers this question.</summary>
    public bool IsRight(string? entryId) =>
        InScope && entryId is not null && (entryId == Expect || (Also?.Contains(entryId, StringComparer.Ordinal) ?? false));

    /// <summary>Reads a JSONL file; a malformed line is reported as path:line and the file rejected.</summary>
    public static IReadOnlyList<EvalCase> ReadFile(string path)
    {
        var cases = new List<EvalCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EvalCase? item;
            try
            {
                item = JsonSerializer.Deserialize(line, EvalJsonContext.Default.EvalCase);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}:{lineNumber}: invalid JSON: {e.Message}", e);
            }

            if (item is null || string.IsNullOrWhiteSpace(item.Question) || string.IsNullOrWhiteSpace(item.Expect))
            {
                throw new FormatException($"{path}:{lineNumber}: expected {{\"q\": \"...\", \"expect\": \"<id>|none\"}}");
            }

            cases.Add(item);
        }

        return cases;
    }
}

[JsonSerializable(typeof(EvalCase))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
