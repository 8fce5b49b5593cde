/// What one tenant may hold and have under way at once, so that one tenant cannot grow the job and trigger tables
/// without bound, queue runs without end or hold every export reader (nil: no limit). Past a limit, the API answers
/// 429 `quota_exceeded`. Finished runs and what they stored are not limited: retention is the operator's.
public struct TenantLimits: Sendable, Equatable {
    /// Jobs stored.
    public var jobs: Int?
    /// Triggers stored.
    public var triggers: Int?
    /// Runs pending, running or paused; a trigger's firing past it is recorded as skipped.
    public var activeRuns: Int?
    /// Exports streaming at once, per server process.
    public var concurrentExports: Int?
    /// Searches and run-data reads (documents, logs, links, edges) under way at once, per server process, a hybrid
    /// search counting two (it reads text and vectors at once): each may read a run's whole log or frontier, and the
    /// store's readers (five on SQLite) are shared by every tenant; the default, four, leaves one for the others.
    public var concurrentReads: Int?

    /// Limits with every field given; the defaults set none (the CLI's runtime, where the operator is the tenant).
    public init(jobs: Int? = nil, triggers: Int? = nil, activeRuns: Int? = nil, concurrentExports: Int? = nil,
                concurrentReads: Int? = nil) {
        self.jobs = jobs
        self.triggers = triggers
        self.activeRuns = activeRuns
        self.concurrentExports = concurrentExports
        self.concurrentReads = concurrentReads
    }

    /// What `trawl serve` allows unless configured otherwise: far beyond a real tenant's needs, well short of what
    /// fills a disk or starves the other tenants.
    public static let serverDefaults = TenantLimits(jobs: 10_000, triggers: 1_000, activeRuns: 1_000, concurrentExports: 4,
                                                    concurrentReads: 4)

    /// The limits by their `server.yaml` names, for loading and messages.
    static var keys: [(name: String, path: WritableKeyPath<TenantLimits, Int?>)] {
        [("jobs", \.jobs), ("triggers", \.triggers), ("active_runs", \.activeRuns), ("concurrent_exports", \.concurrentExports),
         ("concurrent_reads", \.concurrentReads)]
    }
}
