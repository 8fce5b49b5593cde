import TrawlCore

/// The filters of `GET /v1/jobs` (and the console's jobs).
enum JobFilters {
    static var table: [ListFilter<JobQuery>] {
        [
            .identifiers("include_ids", \.includeIDs),
            .identifiers("exclude_ids", \.excludeIDs),
            .texts("names", \.names),
            .timestamp("created_before", \.createdBefore),
            .timestamp("created_after", \.createdAfter),
            .labels(\.labels),
        ]
    }
}
