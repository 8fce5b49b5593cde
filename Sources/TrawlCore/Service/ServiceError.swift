/// Why a service call failed; the API maps each case to one HTTP status and error code.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such job or run for this tenant (404 `not_found`).
    case notFound(String)
    /// An ID is taken (409 `conflict`).
    case conflict(String)
    /// The run's state does not allow the transition, or the run group is at its limit (409 `invalid_state`).
    case invalidState(String)
    /// Allowed, but not now: every run slot is taken. Worth retrying after `retryAfter` seconds (409 `at_capacity`
    /// with `Retry-After`), unlike `invalidState`, which no wait will change.
    case atCapacity(String, retryAfter: Int)
    /// Well-formed but invalid input; every problem with its field path (422 `validation_failed`).
    case validation([ManifestError.Issue])
    /// The tenant holds or runs as much of something as the operator allows (429 `quota_exceeded`, with
    /// `Retry-After` where a slot frees within seconds by itself: exports).
    case quotaExceeded(String, retryAfter: Int?)
    /// A dependency is down or missing (the embedding model or service): 503 `unavailable`.
    case unavailable(String)
    /// Something outside our control failed (500 `internal`, logged).
    case `internal`(String)

    public var description: String {
        switch self {
        case .notFound(let message), .conflict(let message), .invalidState(let message), .unavailable(let message),
             .internal(let message), .atCapacity(let message, _), .quotaExceeded(let message, _):
            message
        case .validation(let issues):
            issues.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
        }
    }
}
