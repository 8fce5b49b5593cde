/// How a search ranks chunks.
public enum SearchMode: String, Sendable, CaseIterable {
    /// BM25 over the full-text index.
    case text
    /// Cosine similarity of the query's embedding with the chunks'.
    case semantic
    /// Both rankings fused by reciprocal rank (the default).
    case hybrid
}
