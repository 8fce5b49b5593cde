import TrawlCore

extension TrawlService {
    public func documents(_ query: DocumentQuery, tenantID: String) async throws(ServiceError) -> [DocumentRecord] {
        _ = try await run(query.runID, tenantID: tenantID)
        return try await storeCall { () throws(StoreError) in try await store.documents(query) }
    }

    public func search(_ query: SearchQuery, mode: SearchMode) async throws(ServiceError) -> [SearchResult] {
        do {
            return try await searcher.search(query, mode: mode)
        } catch {
            switch error {
            case .store(let storeError): throw .internal(storeError.message)
            // The model is missing or the embedding service is down: the client can fall back to mode=text.
            case .embedder(let embedError): throw .unavailable(SearchError.embedder(embedError).description)
            }
        }
    }
}
