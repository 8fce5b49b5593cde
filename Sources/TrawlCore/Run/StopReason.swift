/// Why a run finished: exactly one meaning each (see docs/architecture.md).
public enum StopReason: String, Sendable, Codable, CaseIterable {
    /// The crawl reached link distance N from the seeds and every page up to it is done.
    case maxDepth = "max_depth"
    /// The run processed N URLs; never more.
    case maxURLs = "max_urls"
    /// N scheduling evaluations in a row found no work and nothing in flight.
    case maxEmptyEvaluations = "max_empty_evaluations"
    /// Wall-clock time since the run started reached the limit (paused time counts).
    case maxAge = "max_age"
    /// Stopped on request (API, CLI, Ctrl-C).
    case manual
    /// No seed URL survived validation, filters and robots.txt.
    case emptySeed = "empty_seed"
    /// An internal fault; the run's `error` says what.
    case unknown
}
