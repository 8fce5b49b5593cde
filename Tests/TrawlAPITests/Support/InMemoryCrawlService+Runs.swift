import Foundation
import TrawlCore

extension InMemoryCrawlService {
    func listRuns(_ query: RunQuery) async throws(ServiceError) -> [Run] {
        let matching = runs.values.filter { run in
            run.tenantID == query.tenantID
                && (query.jobIDs.isEmpty || query.jobIDs.contains(run.jobID))
                && (query.includeIDs.isEmpty || query.includeIDs.contains(run.id))
                && !query.excludeIDs.contains(run.id)
                && (query.statuses.isEmpty || query.statuses.contains(run.status))
                && (query.stopReasons.isEmpty || run.stopReason.map(query.stopReasons.contains) == true)
                && (query.failed == nil || (run.error != nil) == query.failed)
                && query.readyFor.allSatisfy { $0.holds(for: run.pipeline) }
                && query.createdBefore.map { run.createdAt < $0 } ?? true
                && query.createdAfter.map { run.createdAt > $0 } ?? true
                && query.labels.allSatisfy { run.labels[$0.key] == $0.value }
                && query.after.map { Self.precedes(($0.createdAt, $0.id.description), (run.createdAt, run.id.description)) } ?? true
        }
        return Array(matching.sorted { Self.precedes(($0.createdAt, $0.id.description), ($1.createdAt, $1.id.description)) }
            .prefix(query.limit))
    }

    func createRun(jobID: JobID, runID: RunID?, tenantID: String) async throws(ServiceError) -> Run {
        let job = try await job(jobID, tenantID: tenantID)
        return try insertRun(of: job, id: runID ?? RunID())
    }

    func run(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run {
        guard let run = runs[id], run.tenantID == tenantID else { throw .notFound("no run with ID \(id)") }
        return run
    }

    func deleteRun(_ id: RunID, tenantID: String) async throws(ServiceError) {
        let run = try await run(id, tenantID: tenantID)
        _ = try apply(.finish(.manual), to: run)
        runs[id] = nil
    }

    func pauseRun(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run {
        try apply(.pause, to: try await run(id, tenantID: tenantID))
    }

    func resumeRun(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run {
        try apply(.resume, to: try await run(id, tenantID: tenantID))
    }

    func stopRun(_ id: RunID, tenantID: String) async throws(ServiceError) -> Run {
        try apply(.finish(.manual), to: try await run(id, tenantID: tenantID))
    }

    /// Ends a run as the crawl itself would (tests use it to get every stop reason).
    func finish(_ id: RunID, reason: StopReason) throws(ServiceError) {
        guard let run = runs[id] else { throw .notFound("no run with ID \(id)") }
        _ = try apply(.finish(reason), to: run)
    }
}
