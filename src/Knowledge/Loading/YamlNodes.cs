using YamlDotNet.RepresentationModel;

namespace ServiceBot.Knowledge.Loading;

/// <summary>Small readers over YamlDotNet's representation model that keep line numbers for problems.</summary>
internal static class YamlNodes
{
    /// <summary>1-based line of a node within its YAML text.</summary>
    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>A list of strings, accepting a single scalar as a one-item list; null when the shape is wrong.</summary>
    public static IReadOnlyList<string>? StringList(YamlNode? node) => node switch
    {
        null => [],
        YamlScalarNode { Value: null or "" } => [],
        YamlScalarNode scalar => [scalar.Value!],
        YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode) =>
            sequence.Children.Cast<YamlScalarNode>()
                .Select(c => c.Value?.Trim() ?? "")
                .Where(v => v.Length > 0)
                .ToList(),
        _ => null,
    };

    /// <summary>Parses one YAML document; returns the root mapping or a problem message with its line.</summary>
    public static (YamlMappingNode? Root, int ErrorLine, string? Error) ParseMapping(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0)
            {
                return (new YamlMappingNode(), 0, null);
            }

            return stream.Documents[0].RootNode is YamlMappingNode mapping
                ? (mapping, 0, null)
                : (null, LineOf(stream.Documents[0].RootNode), "expected key: value pairs");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            return (null, (int)e.Start.Line, "invalid YAML: " + FirstSentence(e.Message));
        }
    }

    private static string FirstSentence(string message)
    {
        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (Line…): "; keep the readable part.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).Trim();
    }
}
