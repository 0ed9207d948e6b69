using System.Globalization;
using System.Resources;

namespace ServiceBot.Bot.Resources;

/// <summary>User-facing bot text in zh-CN and en, from BotText.resx and its translations.</summary>
internal static class BotText
{
    private static readonly ResourceManager Manager = new("ServiceBot.Bot.Resources.BotText", typeof(BotText).Assembly);

    public static string Get(string name, string locale) =>
        Manager.GetString(name, CultureInfo.GetCultureInfo(locale))
        ?? throw new InvalidOperationException($"missing bot text '{name}'");

    /// <summary>The text named <paramref name="name"/> with {0}, {1}… filled in (invariant number formats).</summary>
    public static string Format(string name, string locale, params object?[] args) =>
        args.Length == 0 ? Get(name, locale) : string.Format(CultureInfo.InvariantCulture, Get(name, locale), args);

    public static string ClarifyIntro(string locale) => Get(nameof(ClarifyIntro), locale);

    public static string ClarifyOutro(string locale) => Get(nameof(ClarifyOutro), locale);

    public static string Fallback(string locale) => Get(nameof(Fallback), locale);

    public static string FollowupsIntro(string locale) => Get(nameof(FollowupsIntro), locale);

    public static string ChatWelcome(string locale) => Get(nameof(ChatWelcome), locale);

    public static string ChatKnowledgeError(string locale) => Get(nameof(ChatKnowledgeError), locale);
}
