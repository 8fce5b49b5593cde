import Hummingbird
import TrawlCore

/// `GET /v1/search`: ranked chunks (or pages, `group=page`) of the tenant's runs, by text, meaning or both.
struct SearchRoutes<Service: CrawlService> {
    let service: Service

    /// Longest query accepted, in characters: a query is words, not a document.
    static var maximumQueryLength: Int { 1_000 }

    func register(on router: Router<TrawlRequestContext>) {
        router.get("/v1/search") { request, context in
            try JSONResponse.make(try await results(query: request.uri.query, context))
        }
        MethodGuard.restrict("/v1/search", to: [.get], on: router)
    }

    /// The results `query` (the API's search parameters) asks for; `group` defaults to `defaultGrouping`.
    func results(query parameters: String?, _ context: TrawlRequestContext,
                 defaultGrouping: SearchGrouping = .chunk) async throws -> SearchResultsResource {
        var reader = QueryReader(try QueryParameters(query: parameters))
        let text = reader.last("q") ?? ""
        if text.allSatisfy(\.isWhitespace) {
            reader.report("q", "required", "give the words to search for")
        } else if text.count > Self.maximumQueryLength {
            reader.report("q", "too_long", "must be at most \(Self.maximumQueryLength) characters")
        }
        let mode = reader.values("mode", as: SearchMode.self).last ?? .hybrid
        var query = SearchQuery(tenantID: context.tenantID, text: text)
        query.grouping = reader.values("group", as: SearchGrouping.self).last ?? defaultGrouping
        query.jobIDs = reader.identifiers("job_ids")
        query.runIDs = reader.identifiers("run_ids")
        query.labels = reader.labels()
        query.limit = reader.limit("limit", default: 10, range: 1...100)
        try reader.check()
        let answer = try await ServiceCall.perform(context) { [query] () async throws(ServiceError) in
            try await service.search(query, mode: mode)
        }
        return SearchResultsResource(mode: mode, grouping: query.grouping, answer: answer)
    }
}
