import TrawlCore

extension TrawlService {
    public func runLog(_ query: RunLogQuery, tenantID: String) async throws(ServiceError) -> [CrawlLogEntry] {
        _ = try await run(query.runID, tenantID: tenantID)
        return try await storeCall { () throws(StoreError) in try await store.logEntries(matching: query) }
    }

    public func runLinks(_ query: RunLinkQuery, tenantID: String) async throws(ServiceError) -> [FrontierRecord] {
        _ = try await run(query.runID, tenantID: tenantID)
        return try await storeCall { () throws(StoreError) in try await store.links(matching: query) }
    }

    public func runEdges(of runID: RunID, tenantID: String, after: EdgePosition?,
                         limit: Int) async throws(ServiceError) -> [LinkEdge] {
        _ = try await run(runID, tenantID: tenantID)
        return try await storeCall { () throws(StoreError) in try await store.edges(of: runID, after: after, limit: limit) }
    }
}
