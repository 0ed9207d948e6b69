using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Search;

/// <summary>
/// The analyzers behind each index field. Lucene analyzers are thread-safe (per-thread token stream reuse),
/// so one shared instance of each serves every knowledge base.
/// </summary>
internal static class Analyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Chinese words from SmartCn's dictionary and HMM segmentation.</summary>
    public static Analyzer ChineseWords { get; } = new SmartChineseAnalyzer(Version);

    /// <summary>Overlapping character bigrams plus unigrams: robust to unknown words and segmentation mistakes.</summary>
    public static Analyzer ChineseGrams { get; } = new BigramAnalyzer();

    /// <summary>English words, lower-cased, stop words removed, Porter-stemmed.</summary>
    public static Analyzer EnglishWords { get; } = new EnglishAnalyzer(Version);

    public static Analyzer WordsFor(string locale) => locale == Locales.Chinese ? ChineseWords : EnglishWords;

    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> and returns the terms in order.</summary>
    public static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        if (text.Length == 0)
        {
            return terms;
        }

        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private sealed class BigramAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream = new CJKBigramFilter(tokenizer, CJKScript.HAN, outputUnigrams: true);
            stream = new LowerCaseFilter(Version, stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
