import TrawlCore

/// Everything a tenant has in a store, read through the store protocols: what a copy must carry over unchanged.
struct StoreSnapshot: Equatable {
    var jobs: [Job] = []
    var runs: [Run] = []
    var pages: [RunID: [StoredPage]] = [:]
    /// The payload of every page, by sequence: what revisits' `payload_seq` pointers resolve to.
    var payloads: [Int64: StoredPayload] = [:]
    var frontier: [RunID: [FrontierRecord]] = [:]
    var log: [RunID: [CrawlLogEntry]] = [:]
    var documents: [RunID: [DocumentRecord]] = [:]
    var chunks: [RunID: [ExportedChunk]] = [:]
    var triggers: [Trigger] = []
    var executions: [TriggerID: [TriggerExecution]] = [:]

    static func read(_ store: any CrawlStore, tenantID: String) async throws -> StoreSnapshot {
        var snapshot = StoreSnapshot()
        var jobs = JobQuery(tenantID: tenantID)
        jobs.limit = 100
        snapshot.jobs = try await store.jobs(matching: jobs)
        var runs = RunQuery(tenantID: tenantID)
        runs.limit = 100
        snapshot.runs = try await store.runs(matching: runs)
        for run in snapshot.runs {
            let pages = try await store.pages(of: run.id, after: 0, limit: 10_000)
            snapshot.pages[run.id] = pages
            for (sequence, payload) in try await store.payloads(pages.map(\.sequence)) {
                snapshot.payloads[sequence] = payload
            }
            var links = RunLinkQuery(runID: run.id)
            links.limit = 10_000
            snapshot.frontier[run.id] = try await store.links(matching: links)
            var log = RunLogQuery(runID: run.id)
            log.limit = 10_000
            snapshot.log[run.id] = try await store.logEntries(matching: log)
            var documents = DocumentQuery(runID: run.id)
            documents.limit = 10_000
            snapshot.documents[run.id] = try await store.documents(documents)
            snapshot.chunks[run.id] = try await store.exportChunks(of: run.id, after: 0, limit: 10_000, vectors: true)
        }
        var triggers = TriggerQuery(tenantID: tenantID)
        triggers.limit = 100
        snapshot.triggers = try await store.triggers(matching: triggers)
        for trigger in snapshot.triggers {
            snapshot.executions[trigger.id] = try await store.executions(of: trigger.id, after: nil, limit: 100)
        }
        return snapshot
    }
}
