/// Words a full-text query ignores: the English stop list of PostgreSQL's `english` text-search configuration
/// (Snowball's), so that both stores drop the same words. PostgreSQL drops them from documents and queries alike;
/// FTS5 indexes them, so the SQLite adapter drops them from queries. A query made of stop words alone then finds
/// nothing on either store, where FTS5 alone would have answered "to be or not" with every chunk saying "to".
///
/// Measured on the search benchmark's tuned set: BM25 0.954 → 0.960 MRR@10 with them dropped, the index-derived set
/// unchanged (docs/benchmarks.md); FTS5 already scored them near zero, so mostly this is parity.
public enum SearchStopWords {
    /// At most this many of a query's words are looked for (a query is a search box's line, not a document).
    public static let maximumQueryWords = 32

    /// A query's words as both stores look for them: lower-cased runs of letters and digits, stop words left out,
    /// then the first `maximumQueryWords` (after the cut, so a long question keeps its content words on both).
    public static func queryWords(_ text: String) -> [String] {
        Array(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
            .filter { !english.contains($0) }.prefix(maximumQueryWords))
    }

    /// Lowercase words, as a query's words are compared.
    public static let english: Set<String> = [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are",
        "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
        "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up",
        "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when",
        "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor",
        "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should",
        "now",
    ]
}
