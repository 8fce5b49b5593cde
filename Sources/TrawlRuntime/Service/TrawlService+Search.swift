import TrawlCore

extension TrawlService {
    public func documents(_ query: DocumentQuery, tenantID: String) async throws(ServiceError) -> [DocumentRecord] {
        let slot = try readSlot(tenantID: tenantID)
        defer { withExtendedLifetime(slot) {} }
        _ = try await run(query.runID, tenantID: tenantID)
        return try await storeCall { () throws(StoreError) in try await store.documents(query) }
    }

    public func search(_ query: SearchQuery, mode: SearchMode) async throws(ServiceError) -> SearchAnswer {
        let slot = try readSlot(tenantID: query.tenantID)
        // A hybrid search reads twice at once (text and vectors' chunks): it counts as two reads.
        let second = mode == .hybrid ? try readSlot(tenantID: query.tenantID) : nil
        defer { withExtendedLifetime((slot, second)) {} }
        do {
            return try await searcher.search(query, mode: mode)
        } catch {
            switch error {
            case .store(let storeError): throw .internal(storeError.description)
            // Semantic mode only (hybrid falls back to text): the model is missing or the embedding service is down.
            case .embedder(let embedError): throw .unavailable(SearchError.embedder(embedError).description)
            }
        }
    }
}
