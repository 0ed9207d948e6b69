namespace ServiceBot.Knowledge.Model;

/// <summary>The locales the knowledge base is written in; folder names under knowledge/faq/.</summary>
public static class Locales
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Chinese, English];

    public static bool IsKnown(string locale) => All.Contains(locale, StringComparer.Ordinal);

    /// <summary>Maps a short language code (zh, en) or a locale name to a supported locale.</summary>
    public static string? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "zh" or "zh-cn" or "zh-hans" or "zh-tw" or "zh-hant" => Chinese,
        "en" or "en-us" or "en-gb" => English,
        _ => null,
    };
}
