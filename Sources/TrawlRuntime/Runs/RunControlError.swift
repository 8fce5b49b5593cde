import TrawlCore

/// Why a run could not be controlled; each case maps to one HTTP status or CLI message at the edges.
public enum RunControlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such run for this tenant (another tenant's run is reported the same way).
    case notFound(RunID)
    /// The run's state does not allow the transition (pause a finished run).
    case invalidState(RunLifecycle.InvalidTransition)
    /// Every run slot is taken; the request may be repeated later.
    case atCapacity(Int)
    /// The store failed.
    case store(StoreError)

    public var description: String {
        switch self {
        case .notFound(let id): "run \(id) not found"
        case .invalidState(let transition): transition.description
        case .atCapacity(let limit): "\(limit) runs are already running; try again when one finishes"
        // With the database's words: this text goes to logs and the CLI; the API maps `.store` to a 500 of its own.
        case .store(let error): error.description
        }
    }
}
