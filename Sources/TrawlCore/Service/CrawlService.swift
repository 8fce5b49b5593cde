import Foundation

/// What the HTTP API (and any other front end) can ask of Trawl: jobs and runs of one tenant. The runtime
/// implements it over the store and the run manager; the API target is generic over it, so router tests use
/// an in-memory implementation.
public protocol CrawlService: Sendable {
    func listJobs(_ query: JobQuery) async throws(ServiceError) -> [Job]
    /// Validates `draft.config` exactly as a manifest is validated; with `startRun` also creates and starts a run.
    func createJob(_ draft: JobDraft, tenantID: String, startRun: Bool) async throws(ServiceError) -> (Job, Run?)
    func job(_ id: JobID, tenantID: String) async throws(ServiceError) -> Job
    func updateJob(_ id: JobID, with draft: JobDraft, tenantID: String) async throws(ServiceError) -> Job
    /// Deletes the job and all its runs (stopping running ones).
    func deleteJob(_ id: JobID, tenantID: String) async throws(ServiceError)

    func listRuns(_ query: RunQuery) async throws(ServiceError) -> [Run]
    /// Creates a run of the job (copying its labels and resolved config) and starts it, or queues it as pending;
    /// refused (`invalidState`) when the job's starting criteria find the run's group at its limit.
    func createRun(jobID: JobID, runID: RunID?, tenantID: String) async throws(ServiceError) -> Run
    func run(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run
    /// Stops the run if needed, then removes it and everything it produced.
    func deleteRun(_ id: RunID, tenantID: String) async throws(ServiceError)
    func pauseRun(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run
    func resumeRun(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run
    func stopRun(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run

    /// A run's log, in the order things happened.
    func runLog(_ query: RunLogQuery, tenantID: String) async throws(ServiceError) -> [CrawlLogEntry]
    /// The URLs a run touched, in fingerprint order.
    func runLinks(_ query: RunLinkQuery, tenantID: String) async throws(ServiceError) -> [FrontierRecord]
    /// A run's link graph, page by page in fetch order.
    func runEdges(of runID: RunID, tenantID: String, after: EdgePosition?, limit: Int) async throws(ServiceError) -> [LinkEdge]

    /// One of the tenant's export slots, held until the lease is dropped; `quotaExceeded` when all are in use.
    func exportSlot(tenantID: String) async throws(ServiceError) -> TenantSlots.Lease
    /// Streams a run's stored pages in `format` to `write`, a block at a time, each awaited (the reader's pace is the
    /// export's). A run that is not the tenant's is refused before anything is written; a failure later ends the
    /// stream short (the caller has already sent what came before).
    func exportRun(_ id: RunID, tenantID: String, format: RunExportFormat,
                   write: @escaping @Sendable ([UInt8]) async throws -> Void) async throws(ServiceError)

    /// What the pipeline made of a run's pages, in pipeline order.
    func documents(_ query: DocumentQuery, tenantID: String) async throws(ServiceError) -> [DocumentRecord]
    /// Ranked chunks of the tenant's runs (`query.tenantID`).
    func search(_ query: SearchQuery, mode: SearchMode) async throws(ServiceError) -> SearchAnswer

    /// Triggers of the tenant, most recent first.
    func listTriggers(_ query: TriggerQuery) async throws(ServiceError) -> [Trigger]
    /// Validates the condition and creates an (enabled unless told otherwise) trigger on the job.
    func createTrigger(_ draft: TriggerDraft, jobID: JobID, tenantID: String) async throws(ServiceError) -> Trigger
    func trigger(_ id: TriggerID, tenantID: String) async throws(ServiceError) -> Trigger
    func deleteTrigger(_ id: TriggerID, tenantID: String) async throws(ServiceError)
    /// Enables or disables a trigger; setting the state it already has changes nothing.
    func setTrigger(_ id: TriggerID, enabled: Bool, tenantID: String) async throws(ServiceError) -> Trigger
    /// A trigger's executions, most recent first.
    func listExecutions(of id: TriggerID, tenantID: String, after: (createdAt: Date, id: TriggerExecutionID)?,
                        limit: Int) async throws(ServiceError) -> [TriggerExecution]

    /// The processes sharing the store, most recently started first, each with the tenant's runs it executes.
    func workers(tenantID: String) async throws(ServiceError) -> [WorkerStatus]

    /// Totals across tenants for `/metrics`.
    func statistics() async throws(ServiceError) -> CrawlStatistics

    /// True when the store answers (readiness).
    func isReady() async -> Bool
}
