/// When a run stops; the first criterion that holds ends it. Unset criteria do not apply.
public struct StoppingCriteria: Sendable, Equatable {
    /// The empty-evaluation limit used when a manifest sets none, so that every run can end.
    public static let defaultMaxEmptyEvaluations = 10

    /// Stop after this many URLs were processed (fetched, or failed for good).
    public var maxURLs: Int?
    /// Fetch pages up to this link distance from the seeds; stop when a deeper URL is due.
    public var maxDepth: Int?
    /// Stop when this much wall-clock time has passed since the run started.
    public var maxAge: Duration?
    /// Stop after this many scheduling evaluations in a row dispatched nothing with nothing in flight.
    public var maxEmptyEvaluations: Int

    /// Criteria with the given limits.
    public init(
        maxURLs: Int? = nil, maxDepth: Int? = nil, maxAge: Duration? = nil,
        maxEmptyEvaluations: Int = StoppingCriteria.defaultMaxEmptyEvaluations
    ) {
        self.maxURLs = maxURLs
        self.maxDepth = maxDepth
        self.maxAge = maxAge
        self.maxEmptyEvaluations = maxEmptyEvaluations
    }
}
