using System.Collections.Frozen;
using System.Reflection;

namespace ServiceBot.Knowledge.Text;

/// <summary>
/// Language tables shipped with the library: traditional → simplified, stop words, and homophone groups
/// (characters sharing a toneless pinyin syllable, so that pinyin-input slips such as 退宽 for 退款 still match).
/// </summary>
internal static class LanguageTables
{
    public static FrozenDictionary<char, char> TraditionalToSimplified { get; } = LoadPairs("t2s.txt");

    /// <summary>Each character → the first character of its homophone group.</summary>
    public static FrozenDictionary<char, char> SoundRepresentative { get; } = LoadSoundGroups("homophones.txt");

    /// <summary>Chinese function words (啊, 的, 我…) that say nothing about what is asked.</summary>
    public static FrozenSet<string> StopWords { get; } = ReadLines("stopwords-zh.txt").ToFrozenSet(StringComparer.Ordinal);

    private static FrozenDictionary<char, char> LoadPairs(string name)
    {
        var map = new Dictionary<char, char>();
        foreach (var line in ReadLines(name))
        {
            if (line.Length >= 2 && !char.IsSurrogate(line[0]) && !char.IsSurrogate(line[1]))
            {
                map.TryAdd(line[0], line[1]);
            }
        }

        return map.ToFrozenDictionary();
    }

    private static FrozenDictionary<char, char> LoadSoundGroups(string name)
    {
        var map = new Dictionary<char, char>();
        foreach (var line in ReadLines(name))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var chars = (space < 0 ? line : line[(space + 1)..]).Where(c => !char.IsWhiteSpace(c) && !char.IsSurrogate(c)).ToArray();
            if (chars.Length < 2)
            {
                continue;
            }

            foreach (var c in chars)
            {
                map.TryAdd(c, chars[0]);
            }
        }

        return map.ToFrozenDictionary();
    }

    private static IEnumerable<string> ReadLines(string name)
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("ServiceBot.Knowledge.Resources." + name);
        if (stream is null)
        {
            yield break;
        }

        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }
}
