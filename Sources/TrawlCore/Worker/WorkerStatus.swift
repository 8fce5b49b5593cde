/// A process of the worker list as a reader sees it now: its record, and whether it still beats.
public struct WorkerStatus: Sendable, Equatable {
    public var worker: WorkerRecord
    /// False once it has missed its heartbeats for as long as a run claim lasts: killed, hung or cut off. Its runs are
    /// free for others to pick up by then.
    public var isLive: Bool

    /// A status with every field given.
    public init(worker: WorkerRecord, isLive: Bool) {
        self.worker = worker
        self.isLive = isLive
    }
}
