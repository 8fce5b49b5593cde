import Foundation

/// One Trawl process as the store knows it: written by the process itself every heartbeat, read by anyone.
public struct WorkerRecord: Sendable, Equatable {
    /// The process's executor name (`RunClaimKeeper.executor`): what `runs.executor` holds for the runs it executes.
    public var id: String
    public var role: WorkerRole
    /// The machine's host name and the process ID there.
    public var host: String
    public var pid: Int
    /// Where it serves `/healthz` and `/metrics` (and the API, for `serve` and `api`), as it listens.
    public var listen: String?
    /// Runs it executes at once at most (0 for `api`).
    public var maxConcurrentRuns: Int
    public var startedAt: Date
    public var heartbeatAt: Date
    /// The runs it holds a live claim on (filled when read back, for the reader's tenant only).
    public var runs: [RunID]
    /// Its live parts of shared runs and the origins each leases (filled when read back, for the reader's tenant only).
    public var parts: [WorkerPart]

    /// A record with every field given.
    public init(id: String, role: WorkerRole, host: String, pid: Int, listen: String?, maxConcurrentRuns: Int,
                startedAt: Date, heartbeatAt: Date, runs: [RunID] = [], parts: [WorkerPart] = []) {
        self.id = id
        self.role = role
        self.host = host
        self.pid = pid
        self.listen = listen
        self.maxConcurrentRuns = maxConcurrentRuns
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.runs = runs
        self.parts = parts
    }

    /// Whether it beat recently enough to count as alive at `now`: within `lease`, as long as a run claim lasts
    /// (a process that missed that long has lost its runs to others anyway).
    public func isLive(at now: Date, lease: TimeInterval) -> Bool {
        now.timeIntervalSince(heartbeatAt) <= lease
    }
}

/// A process's part in a shared run (`CrawlShare`), as the worker list shows it.
public struct WorkerPart: Sendable, Equatable {
    public var runID: RunID
    /// The part started by the process holding the run's claim.
    public var isLead: Bool
    /// The origins it leases now.
    public var origins: [String]

    /// A part with every field given.
    public init(runID: RunID, isLead: Bool, origins: [String]) {
        self.runID = runID
        self.isLead = isLead
        self.origins = origins
    }
}
