/// What a run's pipeline has made it ready for: the `ready_for` object, and the runs list's `ready_for` filter.
public enum SearchReadiness: String, Sendable, CaseIterable {
    /// The text stage has finished and at least one document is in the full-text index.
    case textSearch = "text_search"
    /// Embedding has finished and at least one document has vectors.
    case semanticSearch = "semantic_search"

    /// Whether a run whose pipeline stands at `pipeline` is ready for this; the one rule the run object, the list
    /// filter and the docs state (a run that produced nothing is ready for nothing).
    public func holds(for pipeline: PipelineProgress) -> Bool {
        switch self {
        case .textSearch: pipeline.textIndexedAt != nil && pipeline.documents.indexed > 0
        case .semanticSearch: pipeline.semanticReadyAt != nil && pipeline.documents.embedded > 0
        }
    }
}
