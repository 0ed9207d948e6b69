using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Knowledge.Evaluation;

/// <summary>One line of an evaluation file: a question and the entry id that answers it, or "none".</summary>
public sealed record EvalCase(
    [property: JsonPropertyName("q")] string Question,
    [property: JsonPropertyName("expect")] string Expect,
    [property: JsonPropertyName("kind")] string? Kind = null)
{
    public const string None = "none";

    public bool InScope => Expect != None;

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
