import Foundation
import TrawlCore
import TrawlExport
import TrawlStore

/// `CrawlService` over the store, the run manager and the trigger scheduler: what `trawl serve` exposes
/// over HTTP. Built by `TrawlRuntime.makeService()`.
public struct TrawlService: CrawlService {
    let store: any CrawlStore
    /// The runs this process executes.
    public let runs: RunManager
    /// Fires the stored triggers.
    public let scheduler: TriggerScheduler
    /// Indexes and embeds what runs fetch.
    public let pipelines: PipelineManager
    let starter: RunStarter
    let searcher: SearchService
    let policy: TenantManifestPolicy
    /// Keeps this process in the store's worker list.
    let heartbeat: WorkerHeartbeat
    /// How often runs nobody executes (their process died) are looked for.
    let recoverySweep: Duration
    /// How long a silent process's claims last: a worker silent longer is listed as lost.
    let claimLease: Duration
    /// Whether this process extracts and embeds for runs whose pipelines run elsewhere (it shares runs).
    let helpsOtherPipelines: Bool
    /// Reads runs back out as JSONL and WARC.
    let exporter: RunExporter
    /// What each tenant may hold and have under way.
    let limits: TenantLimits
    /// The exports each tenant has streaming from this process.
    let exports: TenantSlots
    /// The searches and run-data reads each tenant has under way in this process.
    let reads: TenantSlots
    /// Runs by status and frontier size for `/metrics`, read at most once per freshness period however often scraped.
    let statisticsRead: SharedRead<CrawlStatistics>

    init(store: any CrawlStore, runs: RunManager, scheduler: TriggerScheduler, pipelines: PipelineManager,
         starter: RunStarter, searcher: SearchService, policy: TenantManifestPolicy, heartbeat: WorkerHeartbeat,
         recoverySweep: Duration, claimLease: Duration, helpsOtherPipelines: Bool, exporter: RunExporter,
         limits: TenantLimits, statisticsFreshness: Duration) {
        self.limits = limits
        self.statisticsRead = SharedRead(freshness: statisticsFreshness) { () async throws(StoreError) in
            try await store.statistics()
        }
        self.exports = TenantSlots(limit: limits.concurrentExports)
        self.reads = TenantSlots(limit: limits.concurrentReads)
        self.helpsOtherPipelines = helpsOtherPipelines
        self.exporter = exporter
        self.policy = policy
        self.heartbeat = heartbeat
        self.recoverySweep = recoverySweep
        self.claimLease = claimLease
        self.store = store
        self.runs = runs
        self.scheduler = scheduler
        self.pipelines = pipelines
        self.starter = starter
        self.searcher = searcher
    }

    /// Joins the store's worker list; in a process that executes runs, resumes unfinished pipelines and the runs no
    /// live process executes, and starts looking, every `recoverySweep`, for runs to pick up (pending ones, and those
    /// of processes that died) and, when it shares runs, for pages and chunks other runs' pipelines have not reached. Then starts firing triggers (missed ones at once): any process may, as a tick is
    /// recorded once whoever fires it.
    public func start() async throws(RunControlError) {
        await heartbeat.start()
        if runs.executes {
            do { try await pipelines.recover() } catch { throw .store(error) }
            try await runs.recover()
            await runs.startSweeping(every: recoverySweep)
            await pipelines.startSweeping(every: recoverySweep)
            if helpsOtherPipelines { await pipelines.helpOtherPipelines(every: recoverySweep) }
        }
        await scheduler.start()
    }

    /// Stops firing triggers, suspends executing runs and their pipelines (all resume at the next start, here or in
    /// another process), and leaves the worker list.
    public func shutdown() async {
        await scheduler.stop()
        await runs.shutdown()
        await pipelines.shutdown()
        await heartbeat.stop()
    }

    // MARK: Jobs

    public func listJobs(_ query: JobQuery) async throws(ServiceError) -> [Job] {
        try await storeCall { () throws(StoreError) in try await store.jobs(matching: query) }
    }

    public func createJob(_ draft: JobDraft, tenantID: String, startRun: Bool) async throws(ServiceError) -> (Job, Run?) {
        let now = Timestamp.now()
        let job = Job(id: draft.id ?? JobID(), tenantID: tenantID, name: draft.name, labels: draft.labels,
                      config: try validated(draft), createdAt: now, updatedAt: now)
        guard startRun else {
            let limit = limits.jobs
            guard try await storeCall({ () throws(StoreError) in try await store.insertJob(job, within: limit) }) else {
                throw .quotaExceeded(RunStarter.jobLimitMessage(limit ?? 0), retryAfter: nil)
            }
            return (job, nil)
        }
        switch try await storeCall({ () throws(StoreError) in try await starter.start(job, jobIsNew: true) }) {
        case .started(let run): return (job, run)
        case .refused(let refusal): throw .invalidState(refusal.description)
        case .overQuota(let reason): throw .quotaExceeded(reason, retryAfter: nil)
        }
    }

    public func job(_ id: JobID, tenantID: String) async throws(ServiceError) -> Job {
        guard let job = try await storeCall({ () throws(StoreError) in try await store.job(id, tenantID: tenantID) }) else {
            throw .notFound("job \(id) not found")
        }
        return job
    }

    public func updateJob(_ id: JobID, with draft: JobDraft, tenantID: String) async throws(ServiceError) -> Job {
        var job = try await job(id, tenantID: tenantID)
        job.config = try validated(draft).restoringSecrets(from: job.config)
        job.name = draft.name
        job.labels = draft.labels
        job.updatedAt = Timestamp.now()
        let updated = job
        try await storeCall { () throws(StoreError) in try await store.updateJob(updated) }
        return updated
    }

    public func deleteJob(_ id: JobID, tenantID: String) async throws(ServiceError) {
        _ = try await job(id, tenantID: tenantID)
        var query = RunQuery(tenantID: tenantID)
        query.jobIDs = [id]
        query.limit = 100_000
        let runs = try await listRuns(query)
        var keys: [Int64] = []
        for run in runs {
            if run.status != .finished { _ = try await stopRun(run.id, tenantID: tenantID) }
            await pipelines.stop(run.id)
            keys.append(try await storeCall { () throws(StoreError) in try await store.runKey(of: run.id) })
        }
        _ = try await storeCall { () throws(StoreError) in try await store.deleteJob(id, tenantID: tenantID) }
        for key in keys { pipelines.vectors.remove(runKey: key) }
    }

    // MARK: Runs

    public func listRuns(_ query: RunQuery) async throws(ServiceError) -> [Run] {
        // A run whose final state the store would not take is shown as it is, not as the store last heard; and so
        // left out of a list filtered on a status it no longer has. What is left out is made up from further rows,
        // so a full page stays full (the API's next cursor depends on it).
        var rows: [Run] = []
        var page = query
        for _ in 0..<8 {
            let fetched = try await storeCall { () throws(StoreError) in try await store.runs(matching: page) }
            for stored in fetched {
                let run = await runs.unwrittenState(of: stored.id) ?? stored
                if query.statuses.isEmpty || query.statuses.contains(run.status) { rows.append(run) }
            }
            guard fetched.count == page.limit, rows.count < query.limit, let last = fetched.last else { break }
            page.after = (last.createdAt, last.id)
            page.limit = query.limit - rows.count
        }
        return rows
    }

    public func createRun(jobID: JobID, runID: RunID?, tenantID: String) async throws(ServiceError) -> Run {
        let job = try await job(jobID, tenantID: tenantID)
        switch try await storeCall({ () throws(StoreError) in try await starter.start(job, runID: runID) }) {
        case .started(let run): return run
        case .refused(let refusal): throw .invalidState(refusal.description)
        case .overQuota(let reason): throw .quotaExceeded(reason, retryAfter: nil)
        }
    }

    public func run(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run {
        guard let run = try await storeCall({ () throws(StoreError) in try await store.run(id) }), run.tenantID == tenantID
        else { throw .notFound("run \(id) not found") }
        return await runs.unwrittenState(of: id) ?? run
    }

    public func deleteRun(_ id: RunID, tenantID: String) async throws(ServiceError) {
        let run = try await run(id, tenantID: tenantID)
        // A later run of the job that is still crawling or indexing may point at this run's stored bodies from
        // memory, where the store cannot move them when the rows go.
        var later = RunQuery(tenantID: tenantID)
        later.jobIDs = [run.jobID]
        later.createdAfter = run.createdAt
        later.limit = 100
        let busy = try await storeCall { () throws(StoreError) in try await store.runs(matching: later) }.first { other in
            other.id != run.id && (other.status != .finished
                || (other.config.pipeline.enabled && other.pipeline.textIndexedAt == nil))
        }
        if let busy {
            throw .invalidState("run \(busy.id) of this job is still crawling or indexing and may re-use this run's "
                + "stored pages; delete this run once it is done")
        }
        if run.status != .finished { _ = try await stopRun(id, tenantID: tenantID) }
        await pipelines.stop(id)
        let key = try await storeCall { () throws(StoreError) in try await store.runKey(of: id) }
        _ = try await storeCall { () throws(StoreError) in try await store.deleteRun(id) }
        pipelines.vectors.remove(runKey: key)
    }

    public func pauseRun(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run {
        try await control { () throws(RunControlError) in try await runs.pause(id, tenantID: tenantID) }
    }

    public func resumeRun(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run {
        try await control { () throws(RunControlError) in try await runs.resume(id, tenantID: tenantID) }
    }

    public func stopRun(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run {
        try await control { () throws(RunControlError) in try await runs.stop(id, tenantID: tenantID) }
    }

    public func workers(tenantID: String) async throws(ServiceError) -> [WorkerStatus] {
        let now = Date()
        let lease = claimLease.seconds
        return try await storeCall { () throws(StoreError) in try await store.workers(tenantID: tenantID, now: now) }
            .map { WorkerStatus(worker: $0, isLive: $0.isLive(at: now, lease: lease)) }
    }

    public func statistics() async throws(ServiceError) -> CrawlStatistics {
        try await storeCall { () throws(StoreError) in try await statisticsRead.value() }
    }

    public func isReady() async -> Bool {
        (try? await store.runs(matching: RunQuery(tenantID: "readiness-probe"))) != nil
    }

    // MARK: Error conversion: store and control errors become service errors here, once.

    func validated(_ draft: JobDraft) throws(ServiceError) -> CrawlConfig {
        var issues: [ManifestError.Issue] = []
        let name = draft.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.unicodeScalars.count > 200 { issues.append(.init(path: "name", message: "must be 1 to 200 characters")) }
        if draft.labels.count > Manifest.maximumLabels {
            issues.append(.init(path: "labels", message: "must have at most \(Manifest.maximumLabels) labels"))
        } else {
            for (key, value) in draft.labels where key.isEmpty || key.unicodeScalars.count > 200 || value.isEmpty || value.unicodeScalars.count > 200 {
                issues.append(.init(path: "labels.\(key)", message: "keys and values must be 1 to 200 characters"))
            }
        }
        if let size = try? JSONEncoder().encode(draft.config).count, size > Manifest.maximumConfigBytes {
            issues.append(.init(path: "config", message: "must be at most \(Manifest.maximumConfigBytes >> 10) KiB as JSON "
                                    + "(it is \((size + 1_023) >> 10) KiB); list many seeds in a sitemap"))
        }
        do {
            let config = try CrawlConfig(from: draft.config)
            issues += policy.issues(config, raw: draft.config)
            if !issues.isEmpty { throw ServiceError.validation(issues) }
            return config
        } catch let error as ManifestError {
            throw .validation(issues + error.issues)
        } catch let error as ServiceError {
            throw error
        } catch {
            throw .internal("\(error)")
        }
    }

    func storeCall<T>(_ body: () async throws(StoreError) -> T) async throws(ServiceError) -> T {
        do {
            return try await body()
        } catch {
            switch error.kind {
            case .notFound: throw .notFound(error.message)
            case .conflict: throw .conflict(error.message)
            case .io, .corrupt, .unsupported: throw .internal(error.description)
            }
        }
    }

    private func control(_ body: () async throws(RunControlError) -> Run) async throws(ServiceError) -> Run {
        do {
            return try await body()
        } catch {
            switch error {
            case .notFound: throw .notFound(error.description)
            case .invalidState: throw .invalidState(error.description)
            // A slot frees when a run finishes or pauses; a few seconds is a fair first wait.
            case .atCapacity: throw .atCapacity(error.description, retryAfter: 5)
            case .store(let storeError): throw .internal(storeError.description)
            }
        }
    }
}
