using System.Collections.Frozen;
using ServiceBot.Knowledge.Model;
using YamlDotNet.RepresentationModel;

namespace ServiceBot.Knowledge.Loading;

/// <summary>
/// The platform's policy values (deadlines, arrival times, hotline…) from knowledge/policy.yaml.
/// A value is a scalar (same in every locale) or a map of locale → text. Nested maps give dotted keys.
/// </summary>
public sealed class PolicyValues
{
    public const string FileName = "policy.yaml";

    private readonly FrozenDictionary<string, IReadOnlyDictionary<string, string>> _values;

    private PolicyValues(Dictionary<string, IReadOnlyDictionary<string, string>> values) =>
        _values = values.ToFrozenDictionary(StringComparer.Ordinal);

    public static PolicyValues Empty { get; } = new([]);

    public IEnumerable<string> Keys => _values.Keys;

    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/> in <paramref name="locale"/>, falling back to any locale.</summary>
    public string? Get(string key, string locale)
    {
        if (!_values.TryGetValue(key, out var byLocale))
        {
            return null;
        }

        return byLocale.TryGetValue(locale, out var text) ? text
            : byLocale.TryGetValue("", out var shared) ? shared
            : byLocale.Values.FirstOrDefault();
    }

    /// <summary>A numeric policy value (days, hours…), for code that enforces the policy.</summary>
    public int GetInt(string key, int fallback) =>
        int.TryParse(Get(key, Locales.Chinese), out var value) ? value : fallback;

    public static PolicyValues Parse(string displayPath, string yaml, ICollection<Problem> problems)
    {
        var (root, errorLine, error) = YamlNodes.ParseMapping(yaml);
        if (root is null)
        {
            problems.Add(new Problem(displayPath, Math.Max(errorLine, 1), Severity.Error, error!));
            return Empty;
        }

        var values = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        Collect(displayPath, root, prefix: "", values, problems);
        return new PolicyValues(values);
    }

    private static void Collect(string path, YamlMappingNode mapping, string prefix,
        Dictionary<string, IReadOnlyDictionary<string, string>> values, ICollection<Problem> problems)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = prefix + YamlNodes.Scalar(keyNode);
            switch (valueNode)
            {
                case YamlScalarNode scalar:
                    values[key] = new Dictionary<string, string> { [""] = scalar.Value ?? "" };
                    break;
                case YamlMappingNode map when map.Children.Keys.All(k => Locales.IsKnown(YamlNodes.Scalar(k) ?? "")):
                    values[key] = map.Children.ToDictionary(
                        kv => YamlNodes.Scalar(kv.Key)!,
                        kv => YamlNodes.Scalar(kv.Value) ?? "",
                        StringComparer.Ordinal);
                    break;
                case YamlMappingNode nested:
                    Collect(path, nested, key + ".", values, problems);
                    break;
                default:
                    problems.Add(new Problem(path, YamlNodes.LineOf(valueNode), Severity.Error,
                        $"policy value '{key}' must be a text or a map of locale to text"));
                    break;
            }
        }
    }
}
