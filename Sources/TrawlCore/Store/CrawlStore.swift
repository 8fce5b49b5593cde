/// Stores jobs: the manifests runs are made from.
public protocol JobStore: Sendable {
    /// Inserts `job` unless its tenant holds `limit` jobs already (false then). Count and insert happen in one
    /// transaction, so concurrent creations, from any number of processes, cannot both slip under the limit.
    func insertJob(_ job: Job, within limit: Int?) async throws(StoreError) -> Bool
    func job(_ id: JobID, tenantID: String) async throws(StoreError) -> Job?
    func jobs(matching query: JobQuery) async throws(StoreError) -> [Job]
    /// Replaces a job's name, labels and config; runs already created keep theirs.
    func updateJob(_ job: Job) async throws(StoreError)
    /// Deletes a job with all its runs, frontiers and pages; false when there was no such job.
    func deleteJob(_ id: JobID, tenantID: String) async throws(StoreError) -> Bool
}

/// Reads and writes one run's state: what a crawl engine needs of the runs table.
public protocol RunStateStore: Sendable {
    func run(_ id: RunID) async throws(StoreError) -> Run?
    /// Writes the run's state and progress; its identity, labels and config are fixed when it is created.
    func updateRun(_ run: Run) async throws(StoreError)
}

/// Stores runs and answers run listings.
public protocol RunStore: RunStateStore {
    func insertRun(_ run: Run) async throws(StoreError)
    /// Inserts `run` unless one of `rules` finds its group full of active (pending, running, paused) runs.
    /// Count and insert happen in one transaction, so concurrent starts cannot both slip under a limit. With
    /// `newJob` (a job created with its first run), the job is inserted in that transaction too, unless its tenant
    /// holds `jobLimit` jobs already: a refused run leaves no job behind.
    func admitRun(_ run: Run, newJob: Job?, under rules: [ExclusiveRule],
                  jobLimit: Int?) async throws(StoreError) -> AdmissionRefusal?
    func runs(matching query: RunQuery) async throws(StoreError) -> [Run]
}

/// Persists what a crawl does, so a stopped or crashed process can resume it.
public protocol CrawlLog: Sendable {
    /// Writes a batch in one transaction.
    func commit(_ batch: RunBatch) async throws(StoreError)
    /// Reads a run's frontier back: the seen-set and up to `limit` pending URLs (the rest marked spilled).
    func loadFrontier(_ runID: RunID, limit: Int) async throws(StoreError) -> FrontierSnapshot
    /// Moves up to `limit` spilled URLs back to queued and returns them, oldest first.
    func claimSpilled(_ runID: RunID, limit: Int) async throws(StoreError) -> [FrontierRecord]
}

/// Reads stored payloads by page sequence: what a re-crawl's revisits point at.
public protocol PayloadStore: Sendable {
    /// The payloads stored in the pages with these sequences (what revisits point at); missing ones are left out.
    func payloads(_ sequences: [Int64]) async throws(StoreError) -> [Int64: StoredPayload]
}

/// Reads what runs fetched, for export.
public protocol PageStore: PayloadStore {
    /// Pages of a run in write order, starting after `sequence`: at most `limit`, and no more than `maxBytes` of bodies
    /// (a page's own, or for a revisit the payload it points at, which its reader may fetch next), but always one.
    /// What bounds a reader's memory when pages run to the 128 MiB a manifest may allow: 200 of them are 25 GiB.
    func pages(of runID: RunID, after sequence: Int64, limit: Int, maxBytes: Int) async throws(StoreError) -> [StoredPage]
    /// Every redirect a run followed: the URL that answered 3xx and where it pointed.
    func redirects(of runID: RunID) async throws(StoreError) -> [RedirectHop]
    /// Whether nothing may write more pages of the run: always, where one process crawls a run; in a shared run, once
    /// every part has ended or let its lease lapse. A part hears that the run finished a beat after it did, and writes
    /// what it fetched meanwhile: a reader that took `finished` for "every page is in" would miss those pages.
    func pageWritersSettled(_ runID: RunID) async throws(StoreError) -> Bool
}

extension PageStore {
    /// Pages of a run in write order, starting after `sequence`, at most `limit` whatever their size.
    public func pages(of runID: RunID, after sequence: Int64, limit: Int) async throws(StoreError) -> [StoredPage] {
        try await pages(of: runID, after: sequence, limit: limit, maxBytes: .max)
    }

    /// How many of pages whose sizes are `sizes` (in order) a batch of at most `maxBytes` takes: at least one.
    public static func pagesFitting(_ sizes: [Int], maxBytes: Int) -> Int {
        var total = 0
        for (index, size) in sizes.enumerated() {
            total += size
            if total > maxBytes { return max(1, index) }
        }
        return sizes.count
    }
}

/// What a re-crawl needs to know of the job's previous run.
public protocol RecrawlStore: Sendable {
    /// For each URL the job's most recent earlier finished run fetched with a complete 2xx payload: its validators
    /// and where the payload is stored. Empty for a job's first run.
    func priorFetches(for runID: RunID) async throws(StoreError) -> [PriorFetch]
}

/// One redirect response: `from` answered 3xx pointing to `to`.
public struct RedirectHop: Sendable, Equatable {
    public var from: String
    public var to: String
    public var parentURL: String?

    /// A hop.
    public init(from: String, to: String, parentURL: String?) {
        self.from = from
        self.to = to
        self.parentURL = parentURL
    }
}

/// Everything the runtime needs from a store; one adapter per database. Consumers take the narrow part they use
/// (`CrawlEngineStore`, `PipelineStore`, `SearchService`'s `SearchStore & RunStore & JobStore`), so a fake for one of
/// them implements a few methods, not fifty.
public typealias CrawlStore = JobStore & RunStore & RunRemoval & RunClaims & CrawlLog & PageStore & RecrawlStore & TriggerStore
    & RunDataStore & DocumentStore & VectorStore & SearchStore & WorkerRegistry

/// What a crawl engine reads and writes: its run's state, its batches and frontier, the payloads and prior fetches a
/// re-crawl compares with; seven methods, so an in-memory store can run the loop in a test (`MemoryCrawlStore`).
public typealias CrawlEngineStore = CrawlLog & RunStateStore & PayloadStore & RecrawlStore

/// What a run's document pipeline reads and writes: the run's state, its pages, and its documents, chunks and vectors;
/// `MemoryCrawlStore` implements it too, for fast pipeline tests.
public typealias PipelineStore = DocumentStore & PageStore & RunStateStore

/// Removes runs and everything they produced.
public protocol RunRemoval: Sendable {
    /// Deletes a run with its frontier and pages; false when there was no such run. Payloads of its pages that later
    /// runs' revisits point at are kept, moved to the first of those pages.
    func deleteRun(_ id: RunID) async throws(StoreError) -> Bool
    /// Runs by status and the URLs pending in unfinished runs' frontiers, across tenants.
    func statistics() async throws(StoreError) -> CrawlStatistics
    /// Runs in any of `statuses`, across tenants, oldest first: what start-up recovery looks at.
    func runs(withStatus statuses: [RunStatus]) async throws(StoreError) -> [Run]
}

extension JobStore {
    /// Inserts `job`, whatever its tenant holds.
    public func insertJob(_ job: Job) async throws(StoreError) {
        _ = try await insertJob(job, within: nil)
    }
}

extension RunStore {
    /// Inserts `run` (and `newJob`) unless one of `rules` finds its group full; no limit on the tenant's jobs.
    public func admitRun(_ run: Run, newJob: Job?, under rules: [ExclusiveRule]) async throws(StoreError) -> ExclusiveRefusal? {
        switch try await admitRun(run, newJob: newJob, under: rules, jobLimit: nil) {
        case .exclusive(let refusal): refusal
        case .jobLimit, nil: nil
        }
    }
}
