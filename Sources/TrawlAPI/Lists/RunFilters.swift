import Foundation
import TrawlCore

/// The filters of the run lists (`GET /v1/runs`, `GET /v1/jobs/{job_id}/runs`), read and validated once.
struct RunFilters: Sendable {
    var jobIDs: [JobID] = []
    var includeIDs: [RunID] = []
    var excludeIDs: [RunID] = []
    var statuses: [RunStatus] = []
    var stopReasons: [StopReason] = []
    var createdBefore: Date?
    var createdAfter: Date?
    var labels: [String: String] = [:]
    var failed: Bool?
    var readyFor: [SearchReadiness] = []

    /// Reads the filters; `job_ids` only where the endpoint is not already scoped to one job.
    init(reading reader: inout QueryReader, acceptsJobIDs: Bool) {
        if acceptsJobIDs { jobIDs = reader.identifiers("job_ids") }
        includeIDs = reader.identifiers("include_ids")
        excludeIDs = reader.identifiers("exclude_ids")
        statuses = reader.values("statuses", as: RunStatus.self)
        stopReasons = reader.values("stop_reasons", as: StopReason.self)
        createdBefore = reader.timestamp("created_before")
        createdAfter = reader.timestamp("created_after")
        labels = reader.labels()
        failed = reader.optionalFlag("failed")
        readyFor = reader.values("ready_for", as: SearchReadiness.self)
    }

    /// The store query for `tenant`.
    func query(tenant: String) -> RunQuery {
        var query = RunQuery(tenantID: tenant)
        query.jobIDs = jobIDs
        query.includeIDs = includeIDs
        query.excludeIDs = excludeIDs
        query.statuses = statuses
        query.stopReasons = stopReasons
        query.createdBefore = createdBefore
        query.createdAfter = createdAfter
        query.labels = labels
        query.failed = failed
        query.readyFor = readyFor
        return query
    }

    /// Canonical `name=values` lines: equal filter sets give equal lines, however they were written.
    var normalized: [String] {
        FilterLines()
            .list("job_ids", jobIDs.map(\.description))
            .list("include_ids", includeIDs.map(\.description))
            .list("exclude_ids", excludeIDs.map(\.description))
            .list("statuses", statuses.map(\.rawValue))
            .list("stop_reasons", stopReasons.map(\.rawValue))
            .date("created_before", createdBefore)
            .date("created_after", createdAfter)
            .labels(labels)
            .list("failed", failed.map { [$0 ? "true" : "false"] } ?? [])
            .list("ready_for", readyFor.map(\.rawValue))
            .lines
    }
}
