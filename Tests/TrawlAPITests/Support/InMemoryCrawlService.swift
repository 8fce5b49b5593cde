import Foundation
import TrawlCore

/// A faithful in-memory `CrawlService`: tenant isolation, keyset order (created_at desc, id desc), every filter,
/// config validation through `CrawlConfig(from:)` and status changes through `RunLifecycle.apply`.
actor InMemoryCrawlService: CrawlService {
    var jobs: [JobID: Job] = [:]
    var runs: [RunID: Run] = [:]
    var triggers: [TriggerID: Trigger] = [:]
    var executions: [TriggerExecution] = []
    var logs: [RunID: [CrawlLogEntry]] = [:]
    var links: [RunID: [FrontierRecord]] = [:]
    var edges: [RunID: [LinkEdge]] = [:]
    var documentRecords: [RunID: [DocumentRecord]] = [:]
    var searchable: [SearchHit] = []
    var searchFailure: ServiceError?
    var searchWarnings: [String] = []
    var ready = true
    var workerStatuses: [WorkerStatus] = []
    /// Each tenant's exports under way: one at a time, so a test can fill the quota by holding a lease.
    let exportSlots = TenantSlots(limit: 1)
    /// When set, `listJobs` fails with it (how tests reach the 500 path).
    var listFailure: ServiceError?
    /// Creation timestamps advance one second every `instantEvery` creations, so tests can make ties on purpose.
    private let instantEvery: Int
    private var creations = 0
    private let epoch = Date(timeIntervalSince1970: 1_760_000_000)

    init(instantEvery: Int = 1) {
        self.instantEvery = instantEvery
    }

    /// The creation time of the next item.
    func nextInstant() -> Date {
        defer { creations += 1 }
        return epoch.addingTimeInterval(Double(creations / instantEvery))
    }

    private var now: Date { epoch.addingTimeInterval(Double(creations / instantEvery)) }

    func setReady(_ value: Bool) { ready = value }

    func setListFailure(_ failure: ServiceError?) { listFailure = failure }

    func isReady() async -> Bool { ready }

    // MARK: Jobs

    func listJobs(_ query: JobQuery) async throws(ServiceError) -> [Job] {
        if let listFailure { throw listFailure }
        let matching = jobs.values.filter { job in
            job.tenantID == query.tenantID
                && (query.includeIDs.isEmpty || query.includeIDs.contains(job.id))
                && !query.excludeIDs.contains(job.id)
                && (query.names.isEmpty || query.names.contains(job.name))
                && query.createdBefore.map { job.createdAt < $0 } ?? true
                && query.createdAfter.map { job.createdAt > $0 } ?? true
                && query.labels.allSatisfy { job.labels[$0.key] == $0.value }
                && query.after.map { Self.precedes(($0.createdAt, $0.id.description), (job.createdAt, job.id.description)) } ?? true
        }
        return Array(matching.sorted { Self.precedes(($0.createdAt, $0.id.description), ($1.createdAt, $1.id.description)) }
            .prefix(query.limit))
    }

    func createJob(_ draft: JobDraft, tenantID: String, startRun: Bool) async throws(ServiceError) -> (Job, Run?) {
        let config = try Self.validate(draft.config)
        let id = draft.id ?? JobID()
        guard jobs[id] == nil else { throw .conflict("a job with ID \(id) already exists") }
        let createdAt = nextInstant()
        let job = Job(id: id, tenantID: tenantID, name: draft.name, labels: draft.labels, config: config,
                      createdAt: createdAt, updatedAt: createdAt)
        jobs[id] = job
        guard startRun else { return (job, nil) }
        return (job, try insertRun(of: job, id: RunID()))
    }

    func job(_ id: JobID, tenantID: String) async throws(ServiceError) -> Job {
        guard let job = jobs[id], job.tenantID == tenantID else { throw .notFound("no job with ID \(id)") }
        return job
    }

    func updateJob(_ id: JobID, with draft: JobDraft, tenantID: String) async throws(ServiceError) -> Job {
        var job = try await job(id, tenantID: tenantID)
        job.config = try Self.validate(draft.config)
        job.name = draft.name
        job.labels = draft.labels
        job.updatedAt = now
        jobs[id] = job
        return job
    }

    func deleteJob(_ id: JobID, tenantID: String) async throws(ServiceError) {
        _ = try await job(id, tenantID: tenantID)
        runs = runs.filter { $0.value.jobID != id }
        triggers = triggers.filter { $0.value.jobID != id }
        jobs[id] = nil
    }

    /// Descending keyset order: is `a` listed before `b`?
    static func precedes(_ a: (Date, String), _ b: (Date, String)) -> Bool {
        a.0 != b.0 ? a.0 > b.0 : a.1 > b.1
    }

    private static func validate(_ config: ConfigValue) throws(ServiceError) -> CrawlConfig {
        do throws(ManifestError) {
            return try CrawlConfig(from: config)
        } catch {
            throw .validation(error.issues)
        }
    }

    /// Inserts a pending run of `job` and starts it, as the runtime does when a slot is free.
    func insertRun(of job: Job, id: RunID) throws(ServiceError) -> Run {
        guard runs[id] == nil else { throw .conflict("a run with ID \(id) already exists") }
        let run = Run(id: id, job: job, createdAt: nextInstant())
        runs[id] = run
        return try apply(.start, to: run)
    }

    /// Applies a lifecycle event, storing the result; an impossible transition is `invalidState`.
    func apply(_ event: RunLifecycle.Event, to run: Run) throws(ServiceError) -> Run {
        do throws(RunLifecycle.InvalidTransition) {
            switch try RunLifecycle.apply(event, to: run, at: now) {
            case .unchanged:
                return run
            case .changed(let next):
                runs[next.id] = next
                return next
            }
        } catch {
            throw .invalidState(error.description)
        }
    }
}
