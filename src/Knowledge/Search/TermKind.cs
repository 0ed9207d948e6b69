namespace ServiceBot.Knowledge.Search;

/// <summary>The kinds of term a text is broken into, each with a Lucene field and a weight in similarity.</summary>
internal static class TermKind
{
    public const string Word = "w";
    public const string Gram = "g";
    public const string Sound = "s";
    public const string BodyWord = "bw";
    public const string BodyGram = "bg";

    /// <summary>How much a matched term of each kind counts; unigrams count least (they match by chance).</summary>
    public static float Weight(string kind, string term) => kind switch
    {
        Word => 1.0f,
        Gram when term.Length == 1 => 0.25f,
        Gram => 0.8f,
        Sound when term.Length == 1 => 0f,
        Sound => 0.45f,
        _ => 0f,
    };
}
