import TrawlCore

/// The filters of the trigger lists (`GET /v1/triggers`, `GET /v1/jobs/{job_id}/triggers`), read once.
struct TriggerFilters: Sendable {
    var jobIDs: [JobID] = []
    var includeIDs: [TriggerID] = []
    var excludeIDs: [TriggerID] = []
    var kinds: [TriggerCondition.Kind] = []
    var enabled: Bool?

    /// Reads the filters; `job_ids` only where the endpoint is not already scoped to one job.
    init(reading reader: inout QueryReader, acceptsJobIDs: Bool) {
        if acceptsJobIDs { jobIDs = reader.identifiers("job_ids") }
        includeIDs = reader.identifiers("include_ids")
        excludeIDs = reader.identifiers("exclude_ids")
        kinds = reader.values("kinds", as: TriggerCondition.Kind.self)
        enabled = reader.optionalFlag("enabled")
    }

    /// The store query for `tenant`.
    func query(tenant: String) -> TriggerQuery {
        var query = TriggerQuery(tenantID: tenant)
        query.jobIDs = jobIDs
        query.includeIDs = includeIDs
        query.excludeIDs = excludeIDs
        query.kinds = kinds
        query.enabled = enabled
        return query
    }

    /// Canonical `name=values` lines (see `RunFilters.normalized`).
    var normalized: [String] {
        FilterLines()
            .list("job_ids", jobIDs.map(\.description))
            .list("include_ids", includeIDs.map(\.description))
            .list("exclude_ids", excludeIDs.map(\.description))
            .list("kinds", kinds.map(\.rawValue))
            .list("enabled", enabled.map { [$0 ? "true" : "false"] } ?? [])
            .lines
    }
}
