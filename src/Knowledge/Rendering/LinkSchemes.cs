namespace ServiceBot.Knowledge.Rendering;

/// <summary>Which link and image targets answers may use: relative ones, or http(s), mailto and tel.</summary>
internal static class LinkSchemes
{
    /// <summary>The allowed schemes, as editors are told them.</summary>
    public const string AllowedText = "http(s), mailto or tel";

    private static readonly HashSet<string> AllowedSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto", "tel" };

    public static IReadOnlyCollection<string> Allowed => AllowedSchemes;

    /// <summary>The scheme of <paramref name="url"/> (lower case) when it is not allowed; null for allowed and relative URLs.</summary>
    /// <remarks>
    /// Expects the URL as Markdig decoded it (entities and escapes resolved). Whitespace and control characters are
    /// dropped first because browsers ignore them inside a scheme ("java\tscript:"). Anything before the first ':'
    /// that is not a well-formed scheme counts as one, and so is refused: being strict costs only odd relative URLs.
    /// </remarks>
    public static string? Disallowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        var cleaned = string.Concat(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format));
        var colon = cleaned.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || cleaned.AsSpan(0, colon).IndexOfAny('/', '?', '#') >= 0)
        {
            return null; // relative: a path, a query or a fragment comes before any colon
        }

        var scheme = cleaned[..colon].ToLowerInvariant();
        return AllowedSchemes.Contains(scheme) ? null : scheme;
    }
}
