/// What a search found, and what part of the ranking it could not do.
public struct SearchAnswer: Sendable, Equatable {
    /// Ranked chunks, best first.
    public var results: [SearchResult]
    /// Why the ranking is partial, for the client to show: a hybrid search whose query could not be embedded (the
    /// model missing, the embedding service down) ranks by text alone rather than fail.
    public var warnings: [String]

    /// An answer with `results` and any `warnings`.
    public init(results: [SearchResult], warnings: [String] = []) {
        self.results = results
        self.warnings = warnings
    }
}
