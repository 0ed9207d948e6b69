using System.Globalization;
using System.Text;

namespace ServiceBot.Knowledge;

/// <summary>
/// Folds text to one comparable form before indexing and searching: full-width → half-width (NFKC),
/// lower case, traditional → simplified, control characters and broken surrogates dropped, spaces collapsed.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Longest input we look at; customers do not ask questions longer than this.</summary>
    public const int MaxQueryLength = 512;

    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var lastWasSpace = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // Astral characters (emoji, rare ideographs) carry no searchable meaning here: treat as a separator.
                i++;
                AppendSpace(builder, ref lastWasSpace);
                continue;
            }

            if (char.IsSurrogate(c) || char.IsControl(c) || char.IsWhiteSpace(c) || IsFormat(c) || c == '\uFFFD')
            {
                AppendSpace(builder, ref lastWasSpace);
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        var trimmed = builder.ToString().Trim();
        var normalized = NeedsCompatibilityFolding(trimmed) ? trimmed.Normalize(NormalizationForm.FormKC) : trimmed;
        return ToSimplified(normalized.ToLowerInvariant());
    }

    /// <summary>Replaces each Chinese character by the first of its homophone group (款, 宽 → same key).</summary>
    public static string SoundKey(string folded)
    {
        var table = Text.LanguageTables.SoundRepresentative;
        return string.Create(folded.Length, folded, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = table.TryGetValue(source[i], out var key) ? key : source[i];
            }
        });
    }

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\uf900' and <= '\ufaff';

    private static string ToSimplified(string text)
    {
        var table = Text.LanguageTables.TraditionalToSimplified;
        if (!text.Any(table.ContainsKey))
        {
            return text;
        }

        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = table.TryGetValue(source[i], out var simplified) ? simplified : source[i];
            }
        });
    }

    /// <summary>
    /// NFKC changes only full-width forms, compatibility characters and the like; text of plain ASCII and common
    /// Chinese characters (most questions) is left as it is, so the costly call is skipped for it.
    /// </summary>
    private static bool NeedsCompatibilityFolding(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007f' && c is not (>= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFormat(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static void AppendSpace(StringBuilder builder, ref bool lastWasSpace)
    {
        if (!lastWasSpace)
        {
            builder.Append(' ');
            lastWasSpace = true;
        }
    }
}
