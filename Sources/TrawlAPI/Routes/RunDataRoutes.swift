import Hummingbird
import TrawlCore

/// `/v1/runs/{run_id}/logs`, `/links` and `/edges`: what a run saw, cursor-paginated in store order.
struct RunDataRoutes<Service: CrawlService> {
    let service: Service

    func register(on router: Router<TrawlRequestContext>) {
        router.get("/v1/runs/:run_id/logs") { request, context in try await logs(request, context) }
        router.get("/v1/runs/:run_id/links") { request, context in try await links(request, context) }
        router.get("/v1/runs/:run_id/edges") { request, context in try await edges(request, context) }
        router.get("/v1/runs/:run_id/documents") { request, context in try await documents(request, context) }
        for path in ["/v1/runs/:run_id/logs", "/v1/runs/:run_id/links", "/v1/runs/:run_id/edges", "/v1/runs/:run_id/documents"] {
            MethodGuard.restrict(RouterPath(path), to: [.get], on: router)
        }
    }

    private func logs(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let runID = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        return try JSONResponse.make(try await logPage(of: runID, query: request.uri.query, context,
                                                       path: "/v1/runs/\(runID)/logs"))
    }

    /// One page of the run's crawl log as `query` (the API's parameters) asks, with cursors bound to `path`.
    func logPage(of runID: RunID, query text: String?, _ context: TrawlRequestContext,
                 path: String) async throws -> ListPage<CrawlLogEntryDocument> {
        var reader = QueryReader(try QueryParameters(query: text))
        var query = RunLogQuery(runID: runID)
        query.steps = reader.values("steps", as: CrawlLogEntry.Step.self)
        query.statuses = reader.values("statuses", as: CrawlLogEntry.Status.self)
        query.hosts = reader.list("hosts").map { $0.lowercased() }
        query.reasons = reader.list("error_reasons")
        let filters = FilterLines()
            .list("steps", query.steps.map(\.rawValue))
            .list("statuses", query.statuses.map(\.rawValue))
            .list("hosts", query.hosts)
            .list("error_reasons", query.reasons)
            .lines
        let paging = try ListRequest(reading: &reader, path: path, tenant: context.tenantID, filters: filters)
        query.after = try paging.sequenceAfter()?.position
        query.limit = paging.limit
        let entries = try await ServiceCall.perform(context) { [query] () async throws(ServiceError) in
            try await service.runLog(query, tenantID: context.tenantID)
        }
        return ListPage(rows: entries, perPage: paging.perPage,
                        token: { SequenceCursor(position: $0.sequence, binding: paging.binding.fingerprint).token },
                        document: CrawlLogEntryDocument.init)
    }

    private func links(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let runID = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        return try JSONResponse.make(try await linkPage(of: runID, query: request.uri.query, context,
                                                        path: "/v1/runs/\(runID)/links"))
    }

    /// One page of the run's links (its frontier) as `query` asks, with cursors bound to `path`.
    func linkPage(of runID: RunID, query text: String?, _ context: TrawlRequestContext,
                  path: String) async throws -> ListPage<RunLinkDocument> {
        var reader = QueryReader(try QueryParameters(query: text))
        var query = RunLinkQuery(runID: runID)
        query.states = reader.values("states", as: FrontierRecord.State.self)
        let paging = try ListRequest(reading: &reader, path: path, tenant: context.tenantID,
                                     filters: FilterLines().list("states", query.states.map(\.rawValue)).lines)
        query.after = try paging.sequenceAfter().map { UInt64(bitPattern: $0.position) }
        query.limit = paging.limit
        let links = try await ServiceCall.perform(context) { [query] () async throws(ServiceError) in
            try await service.runLinks(query, tenantID: context.tenantID)
        }
        return ListPage(rows: links, perPage: paging.perPage,
                        token: { SequenceCursor(position: Int64(bitPattern: $0.fingerprint), binding: paging.binding.fingerprint).token },
                        document: RunLinkDocument.init)
    }

    private func edges(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let runID = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        var reader = QueryReader(try QueryParameters(query: request.uri.query))
        let paging = try ListRequest(reading: &reader, path: "/v1/runs/\(runID)/edges", tenant: context.tenantID,
                                     filters: [])
        let after = try paging.sequenceAfter().map { EdgePosition(page: $0.position, index: $0.index) }
        let edges = try await ServiceCall.perform(context) { () async throws(ServiceError) in
            try await service.runEdges(of: runID, tenantID: context.tenantID, after: after, limit: paging.limit)
        }
        let page = ListPage(rows: edges, perPage: paging.perPage,
                            token: { SequenceCursor(position: $0.position.page, index: $0.position.index,
                                                    binding: paging.binding.fingerprint).token },
                            document: LinkEdgeDocument.init)
        return try JSONResponse.make(page)
    }

    private func documents(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let runID = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        return try JSONResponse.make(try await documentPage(of: runID, query: request.uri.query, context,
                                                            path: "/v1/runs/\(runID)/documents"))
    }

    /// One page of the run's documents as `query` asks, with cursors bound to `path`.
    func documentPage(of runID: RunID, query text: String?, _ context: TrawlRequestContext,
                      path: String) async throws -> ListPage<DocumentRecordDocument> {
        var reader = QueryReader(try QueryParameters(query: text))
        var query = DocumentQuery(runID: runID)
        query.statuses = reader.values("statuses", as: DocumentRecord.Status.self)
        let paging = try ListRequest(reading: &reader, path: path, tenant: context.tenantID,
                                     filters: FilterLines().list("statuses", query.statuses.map(\.rawValue)).lines)
        query.after = try paging.sequenceAfter()?.position
        query.limit = paging.limit
        let documents = try await ServiceCall.perform(context) { [query] () async throws(ServiceError) in
            try await service.documents(query, tenantID: context.tenantID)
        }
        return ListPage(rows: documents, perPage: paging.perPage,
                        token: { SequenceCursor(position: $0.id, binding: paging.binding.fingerprint).token },
                        document: DocumentRecordDocument.init)
    }
}
