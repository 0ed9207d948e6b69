using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Text;

namespace ServiceBot.Knowledge.Search;

/// <summary>Breaks normalized text into kind-prefixed terms (see <see cref="TermKind"/>) for one locale.</summary>
internal static class TextAnalysis
{
    /// <summary>Terms of a phrasing or question: words, plus for Chinese character grams and sound grams.</summary>
    public static IEnumerable<(string Kind, string Term)> PhrasingTerms(string normalized, string locale)
    {
        foreach (var word in Analyzers.Terms(Analyzers.WordsFor(locale), normalized))
        {
            if (!LanguageTables.StopWords.Contains(word))
            {
                yield return (TermKind.Word, word);
            }
        }

        if (locale != Locales.Chinese)
        {
            yield break;
        }

        foreach (var gram in Analyzers.Terms(Analyzers.ChineseGrams, normalized))
        {
            if (gram.Any(TextNormalizer.IsHan) && !(gram.Length == 1 && LanguageTables.StopWords.Contains(gram)))
            {
                yield return (TermKind.Gram, gram);
            }
        }

        foreach (var gram in Analyzers.Terms(Analyzers.ChineseGrams, TextNormalizer.SoundKey(normalized)))
        {
            if (gram.Length > 1 && gram.Any(TextNormalizer.IsHan))
            {
                yield return (TermKind.Sound, gram);
            }
        }
    }

    /// <summary>
    /// Terms of an answer body: English words, or Chinese character grams. (Chinese bodies skip word segmentation:
    /// it is the slowest step on long text, and grams already carry what the body adds to a match.)
    /// </summary>
    public static IEnumerable<(string Kind, string Term)> BodyTerms(string normalized, string locale)
    {
        if (locale != Locales.Chinese)
        {
            foreach (var word in Analyzers.Terms(Analyzers.EnglishWords, normalized))
            {
                yield return (TermKind.BodyWord, word);
            }

            yield break;
        }

        foreach (var gram in Analyzers.Terms(Analyzers.ChineseGrams, normalized))
        {
            if (gram.Length > 1 && gram.Any(TextNormalizer.IsHan))
            {
                yield return (TermKind.BodyGram, gram);
            }
        }
    }

    public static string Key(string kind, string term) => string.Concat(kind, ":", term);

    /// <summary>The key a body term is compared under: body words and grams answer for question words and grams.</summary>
    public static string PhrasingKindOf(string bodyKind) => bodyKind == TermKind.BodyWord ? TermKind.Word : TermKind.Gram;
}
