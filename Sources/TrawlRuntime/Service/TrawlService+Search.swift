import TrawlCore

extension TrawlService {
    public func documents(_ query: DocumentQuery, tenantID: String) async throws(ServiceError) -> [DocumentRecord] {
        try await reading(as: tenantID) { () async throws(ServiceError) in
            _ = try await run(query.runID, tenantID: tenantID)
            return try await storeCall { () throws(StoreError) in try await store.documents(query) }
        }
    }

    public func search(_ query: SearchQuery, mode: SearchMode) async throws(ServiceError) -> SearchAnswer {
        // A hybrid search reads twice at once (text and vectors' chunks): it counts as two reads.
        try await reading(as: query.tenantID, slots: mode == .hybrid ? 2 : 1) { () async throws(ServiceError) in
            do throws(SearchError) {
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
}
