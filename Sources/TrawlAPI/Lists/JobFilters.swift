import Foundation
import TrawlCore

/// The filters of `GET /v1/jobs`, read and validated once.
struct JobFilters: Sendable {
    var includeIDs: [JobID] = []
    var excludeIDs: [JobID] = []
    var names: [String] = []
    var createdBefore: Date?
    var createdAfter: Date?
    var labels: [String: String] = [:]

    /// Reads the filters, reporting every bad one to `reader`.
    init(reading reader: inout QueryReader) {
        includeIDs = reader.identifiers("include_ids")
        excludeIDs = reader.identifiers("exclude_ids")
        names = reader.list("names")
        createdBefore = reader.timestamp("created_before")
        createdAfter = reader.timestamp("created_after")
        labels = reader.labels()
    }

    /// The store query for `tenant`.
    func query(tenant: String) -> JobQuery {
        var query = JobQuery(tenantID: tenant)
        query.includeIDs = includeIDs
        query.excludeIDs = excludeIDs
        query.names = names
        query.createdBefore = createdBefore
        query.createdAfter = createdAfter
        query.labels = labels
        return query
    }

    /// Canonical `name=values` lines (see `RunFilters.normalized`).
    var normalized: [String] {
        FilterLines()
            .list("include_ids", includeIDs.map(\.description))
            .list("exclude_ids", excludeIDs.map(\.description))
            .list("names", names)
            .date("created_before", createdBefore)
            .date("created_after", createdAfter)
            .labels(labels)
            .lines
    }
}
