using System.Collections.Frozen;
using System.Globalization;
using System.Resources;

namespace ServiceBot.Bot.Resources;

/// <summary>User-facing bot text in zh-CN and en, from BotText.resx and its translations.</summary>
internal static class BotText
{
    // Every text of both languages, read once from the resources: lookups on each reply are then lock-free
    // (ResourceManager takes locks and walks culture fallbacks on every call).
    private static readonly FrozenDictionary<string, string> English = Load(CultureInfo.InvariantCulture, null);
    private static readonly FrozenDictionary<string, string> Chinese = Load(CultureInfo.GetCultureInfo(Knowledge.Model.Locales.Chinese), English);

    public static string Get(string name, string locale) =>
        (locale == Knowledge.Model.Locales.English ? English : Chinese).TryGetValue(name, out var text)
            ? text
            : throw new InvalidOperationException($"missing bot text '{name}'");

    /// <summary>The text named <paramref name="name"/> with {0}, {1}… filled in (invariant number formats).</summary>
    public static string Format(string name, string locale, params object?[] args) =>
        args.Length == 0 ? Get(name, locale) : string.Format(CultureInfo.InvariantCulture, Get(name, locale), args);

    public static string ClarifyIntro(string locale) => Get(nameof(ClarifyIntro), locale);

    public static string ClarifyOutro(string locale) => Get(nameof(ClarifyOutro), locale);

    public static string Fallback(string locale) => Get(nameof(Fallback), locale);

    public static string FollowupsIntro(string locale) => Get(nameof(FollowupsIntro), locale);

    public static string ChatWelcome(string locale) => Get(nameof(ChatWelcome), locale);

    public static string ChatKnowledgeError(string locale) => Get(nameof(ChatKnowledgeError), locale);

    private static FrozenDictionary<string, string> Load(CultureInfo culture, FrozenDictionary<string, string>? fallback)
    {
        var manager = new ResourceManager("ServiceBot.Bot.Resources.BotText", typeof(BotText).Assembly);
        var texts = fallback?.ToDictionary(StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no bot texts for {culture.Name}");
        foreach (System.Collections.DictionaryEntry entry in set)
        {
            texts[(string)entry.Key] = (string)entry.Value!;
        }

        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
