using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Search;

/// <summary>
/// The searchable form of one locale's entries. Lucene retrieves candidates from one document per phrasing
/// (question or alternate) and one per answer body; candidates are then ranked by an IDF-weighted overlap
/// with their closest phrasing, a score that stays comparable across questions and so can be calibrated.
/// </summary>
internal sealed class LocaleIndex : IDisposable
{
    private const int CandidateDocs = 48;
    // Candidate retrieval uses the question's most telling terms only: every term query costs a terms-dictionary
    // lookup per field (kilobytes of garbage each), and weak terms (single characters) add noise, not recall.
    private const int CandidateTerms = 24;
    private const float QueryCoverageShare = 0.65f;
    private const float BodyShare = 0.1f;
    private const string EntryField = "entry";

    private readonly KnowledgeEntry[] _entries;
    private readonly TermBag[][] _phrasings;
    private readonly TermBag[] _bodies;
    private readonly Dictionary<string, float> _idf;
    private readonly float _unknownIdf;
    private readonly SynonymTable _synonyms;
    private readonly SpellingCorrector _speller;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly int[] _docEntry;

    private LocaleIndex(string locale, KnowledgeEntry[] entries, SynonymTable synonyms, Func<KnowledgeEntry, string> bodyText)
    {
        Locale = locale;
        _entries = entries;
        _synonyms = synonyms;

        var phrasingKeys = entries.Select(e => e.Phrasings
            .Select(p => Keys(TextAnalysis.PhrasingTerms(Normalize(p), locale)))
            .ToArray()).ToArray();
        var bodyKeys = entries.Select(e => Keys(TextAnalysis.BodyTerms(Normalize(bodyText(e)), locale))).ToArray();

        _idf = InverseDocumentFrequencies(phrasingKeys, bodyKeys, out _unknownIdf);
        _phrasings = phrasingKeys.Select(keys => keys.Select(k => Bag(k.Select(t => t.Key))).ToArray()).ToArray();
        _bodies = bodyKeys.Select(keys => Bag(keys.Select(t => TextAnalysis.Key(TextAnalysis.PhrasingKindOf(t.Kind), t.Term)))).ToArray();
        _speller = new SpellingCorrector(_idf.Keys
            .Where(k => k.StartsWith(TermKind.Word + ":", StringComparison.Ordinal))
            .Select(k => k[(TermKind.Word.Length + 1)..])
            .ToList());

        _directory = new RAMDirectory();
        WriteIndex(_directory, phrasingKeys, bodyKeys);
        _reader = DirectoryReader.Open(_directory);
        // Doc values readers are not safe to share between threads; the mapping is copied out once instead.
        var entryValues = MultiDocValues.GetNumericValues(_reader, EntryField);
        _docEntry = new int[_reader.MaxDoc];
        for (var doc = 0; doc < _docEntry.Length; doc++)
        {
            _docEntry[doc] = (int)entryValues.Get(doc);
        }
    }

    public string Locale { get; }

    public int Count => _entries.Length;

    public static LocaleIndex Build(string locale, IEnumerable<KnowledgeEntry> entries, SynonymTable synonyms,
        Func<KnowledgeEntry, string> bodyText) =>
        new(locale, entries.ToArray(), synonyms, bodyText);

    /// <summary>Ranks entries for an already folded question; best first, with their raw similarity scores.</summary>
    public IReadOnlyList<RankedEntry> Rank(string folded, int limit)
    {
        var query = QueryBag(NegatedMentions.Remove(_synonyms.Apply(folded), Locale));
        if (query.Total <= 0)
        {
            return [];
        }

        var candidates = Candidates(query);
        var ranked = new List<RankedEntry>(candidates.Count);
        foreach (var entry in candidates)
        {
            ranked.Add(Similarity(query, entry));
        }

        ranked.Sort((x, y) => y.Score.CompareTo(x.Score));
        return ranked.Count > limit ? ranked.GetRange(0, limit) : ranked;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private string Normalize(string text) => _synonyms.Apply(TextNormalizer.Fold(text));

    private static List<(string Kind, string Term, string Key)> Keys(IEnumerable<(string Kind, string Term)> terms) =>
        terms.Select(t => (t.Kind, t.Term, TextAnalysis.Key(t.Kind, t.Term)))
            .DistinctBy(t => t.Item3)
            .ToList();

    private static Dictionary<string, float> InverseDocumentFrequencies(
        List<(string Kind, string Term, string Key)>[][] phrasingKeys,
        List<(string Kind, string Term, string Key)>[] bodyKeys,
        out float unknownIdf)
    {
        // An entry "contains" a term when any phrasing or its body does; body terms count as question terms.
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < phrasingKeys.Length; i++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in phrasingKeys[i].SelectMany(p => p).Select(t => t.Key)
                         .Concat(bodyKeys[i].Select(t => TextAnalysis.Key(TextAnalysis.PhrasingKindOf(t.Kind), t.Term))))
            {
                if (seen.Add(key))
                {
                    documentFrequency[key] = documentFrequency.GetValueOrDefault(key) + 1;
                }
            }
        }

        // A word the knowledge base never uses weighs twice the rarest known word: it is the strongest sign
        // that a question is about something we have no answer for.
        var n = Math.Max(phrasingKeys.Length, 1);
        unknownIdf = 2 * (float)Math.Log(1 + n);
        return documentFrequency.ToDictionary(kv => kv.Key, kv => (float)Math.Log(1 + ((double)n / kv.Value)), StringComparer.Ordinal);
    }

    private TermBag Bag(IEnumerable<string> keys)
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var split = key.IndexOf(':', StringComparison.Ordinal);
            var weight = TermKind.Weight(key[..split], key[(split + 1)..]) * _idf.GetValueOrDefault(key, _unknownIdf);
            if (weight > 0)
            {
                weights[key] = weight;
            }
        }

        return new TermBag(weights);
    }

    /// <summary>
    /// The question's terms. Unknown words weigh as much as the rarest known ones: a question about something
    /// the knowledge base never mentions (发票, coupon) then covers little of any entry and gets low confidence.
    /// Unknown grams are dropped: they are mostly pairs spanning two words.
    /// </summary>
    private TermBag QueryBag(string normalized)
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (kind, rawTerm) in TextAnalysis.PhrasingTerms(normalized, Locale))
        {
            var term = rawTerm;
            var key = TextAnalysis.Key(kind, term);
            if (!_idf.ContainsKey(key) && kind == TermKind.Word && _speller.Correct(term) is { } corrected)
            {
                term = corrected;
                key = TextAnalysis.Key(kind, term);
            }

            var kindWeight = TermKind.Weight(kind, term);
            if (_idf.TryGetValue(key, out var idf))
            {
                weights[key] = kindWeight * idf;
            }
            else if (kind == TermKind.Word && kindWeight > 0)
            {
                weights[key] = kindWeight * _unknownIdf;
            }
        }

        return new TermBag(weights);
    }

    /// <summary>
    /// The entries worth ranking: documents sharing the question's most telling terms, read straight from Lucene's
    /// postings with one terms enumerator per field (term queries would build a weight, a scorer and an enumerator
    /// per term: hundreds of kilobytes of garbage per question), each document scored by the weights it matches.
    /// </summary>
    private List<int> Candidates(TermBag query)
    {
        var telling = query.Weights
            .Where(kv => _idf.ContainsKey(kv.Key) && !IsUnigram(kv.Key))
            .OrderByDescending(kv => kv.Value)
            .Take(CandidateTerms)
            .Select(kv => (Split: kv.Key.IndexOf(':', StringComparison.Ordinal), kv.Key, kv.Value))
            .Select(t => (Kind: t.Key[..t.Split], Term: t.Key[(t.Split + 1)..], Weight: t.Value))
            .ToList();
        var byField = telling.Select(t => (Field: t.Kind, t.Term, t.Weight))
            .Concat(telling.Where(t => t.Kind is TermKind.Word or TermKind.Gram)
                .Select(t => (Field: t.Kind == TermKind.Word ? TermKind.BodyWord : TermKind.BodyGram, t.Term, Weight: t.Weight * 0.3f)))
            .GroupBy(t => t.Field);

        var docScores = new Dictionary<int, float>();
        foreach (var leaf in _reader.Leaves)
        {
            var reader = leaf.AtomicReader;
            foreach (var field in byField)
            {
                var terms = reader.GetTerms(field.Key)?.GetEnumerator();
                if (terms is null)
                {
                    continue;
                }

                DocsEnum? docs = null;
                foreach (var (_, term, weight) in field)
                {
                    if (!terms.SeekExact(new BytesRef(term)))
                    {
                        continue;
                    }

                    docs = terms.Docs(reader.LiveDocs, docs, DocsFlags.NONE);
                    for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                    {
                        var id = leaf.DocBase + doc;
                        docScores[id] = docScores.GetValueOrDefault(id) + weight;
                    }
                }
            }
        }

        var entries = new List<int>();
        foreach (var (doc, _) in docScores.OrderByDescending(kv => kv.Value).Take(CandidateDocs))
        {
            var entry = _docEntry[doc];
            if (!entries.Contains(entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static bool IsUnigram(string key) => key.Length == TermKind.Gram.Length + 2 && key.StartsWith(TermKind.Gram + ":", StringComparison.Ordinal);

    /// <summary>Closeness to the entry's nearest phrasing, plus a little for words its answer uses.</summary>
    private RankedEntry Similarity(TermBag query, int entry)
    {
        double best = -1, queryCoverage = 0, phrasingCoverage = 0, matched = 0;
        foreach (var phrasing in _phrasings[entry])
        {
            var matchedWeight = query.MatchedWeight(phrasing);
            var ofQuery = query.Total > 0 ? matchedWeight / query.Total : 0;
            var ofPhrasing = phrasing.CoveredBy(query);
            var score = (QueryCoverageShare * ofQuery) + ((1 - QueryCoverageShare) * ofPhrasing);
            if (score > best)
            {
                (best, queryCoverage, phrasingCoverage, matched) = (score, ofQuery, ofPhrasing, matchedWeight);
            }
        }

        var total = Math.Max(best, 0) + (BodyShare * query.CoveredBy(_bodies[entry]));
        var evidence = matched / (matched + _unknownIdf);
        return new RankedEntry(_entries[entry], total, queryCoverage, phrasingCoverage, UnmatchedPeak(query, entry), evidence);
    }

    private double UnmatchedPeak(TermBag query, int entry)
    {
        float peak = 0;
        var body = _bodies[entry];
        foreach (var (key, weight) in query.Weights)
        {
            if (weight > peak && key.StartsWith(TermKind.Word + ":", StringComparison.Ordinal)
                && !body.Weights.ContainsKey(key) && !_phrasings[entry].Any(p => p.Weights.ContainsKey(key)))
            {
                peak = weight;
            }
        }

        return peak / _unknownIdf;
    }

    private static void WriteIndex(RAMDirectory directory,
        List<(string Kind, string Term, string Key)>[][] phrasingKeys,
        List<(string Kind, string Term, string Key)>[] bodyKeys)
    {
        var config = new IndexWriterConfig(Analyzers.Version, new WhitespaceAnalyzer(Analyzers.Version))
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 64,
        };
        using var writer = new IndexWriter(directory, config);
        for (var entry = 0; entry < phrasingKeys.Length; entry++)
        {
            foreach (var phrasing in phrasingKeys[entry])
            {
                writer.AddDocument(Document(entry, phrasing));
            }

            writer.AddDocument(Document(entry, bodyKeys[entry]));
        }

        writer.Commit();
    }

    private static Document Document(int entry, List<(string Kind, string Term, string Key)> terms)
    {
        var document = new Document { new NumericDocValuesField(EntryField, entry) };
        foreach (var group in terms.GroupBy(t => t.Kind))
        {
            document.Add(new TextField(group.Key, string.Join(' ', group.Select(t => t.Term)), Field.Store.NO));
        }

        return document;
    }
}
