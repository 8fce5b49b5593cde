import TrawlCore

/// The filters of the run lists (`GET /v1/runs`, `GET /v1/jobs/{job_id}/runs`, the console's runs).
enum RunFilters {
    /// The table; `job_ids` only where the list is not already scoped to one job.
    static func table(acceptsJobIDs: Bool) -> [ListFilter<RunQuery>] {
        (acceptsJobIDs ? [.identifiers("job_ids", \.jobIDs)] : []) + [
            .identifiers("include_ids", \.includeIDs),
            .identifiers("exclude_ids", \.excludeIDs),
            .values("statuses", \.statuses),
            .values("stop_reasons", \.stopReasons),
            .timestamp("created_before", \.createdBefore),
            .timestamp("created_after", \.createdAfter),
            .labels(\.labels),
            .flag("failed", \.failed),
            .values("ready_for", \.readyFor),
        ]
    }
}
