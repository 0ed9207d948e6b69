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

        var normalized = builder.ToString().Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        return ToSimplified(normalized);
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
