/// Where a run is in its life.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    /// Created but not yet started.
    case pending
    /// Currently executing.
    case running
    /// Temporarily halted and resumable.
    case paused
    /// Completed or stopped; `stopReason` says why.
    case finished
}
