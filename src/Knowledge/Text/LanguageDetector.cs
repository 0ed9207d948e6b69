using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Text;

/// <summary>Picks the locale of a question: any Chinese character makes it Chinese (mixed zh/en input is zh).</summary>
public static class LanguageDetector
{
    public static string Detect(string text)
    {
        foreach (var c in text)
        {
            if (TextNormalizer.IsHan(c))
            {
                return Locales.Chinese;
            }
        }

        return text.Any(char.IsAsciiLetter) ? Locales.English : Locales.Chinese;
    }
}
