import TrawlCore

/// The filters of the trigger lists (`GET /v1/triggers`, `GET /v1/jobs/{job_id}/triggers`).
enum TriggerFilters {
    /// The table; `job_ids` only where the list is not already scoped to one job.
    static func table(acceptsJobIDs: Bool) -> [ListFilter<TriggerQuery>] {
        (acceptsJobIDs ? [.identifiers("job_ids", \.jobIDs)] : []) + [
            .identifiers("include_ids", \.includeIDs),
            .identifiers("exclude_ids", \.excludeIDs),
            .values("kinds", \.kinds),
            .flag("enabled", \.enabled),
        ]
    }
}
