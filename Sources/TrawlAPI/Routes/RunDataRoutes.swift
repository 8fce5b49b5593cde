import Hummingbird
import Logging
import HTTPTypes
import TrawlCore

/// `/v1/runs/{run_id}/logs`, `/links` and `/edges`: what a run saw, cursor-paginated in store order.
struct RunDataRoutes<Service: CrawlService> {
    let service: Service

    func register(on router: Router<TrawlRequestContext>) {
        router.get("/v1/runs/:run_id/logs") { request, context in try await logs(request, context) }
        router.get("/v1/runs/:run_id/links") { request, context in try await links(request, context) }
        router.get("/v1/runs/:run_id/edges") { request, context in try await edges(request, context) }
        router.get("/v1/runs/:run_id/documents") { request, context in try await documents(request, context) }
        router.get("/v1/runs/:run_id/export") { request, context in try await export(request, context) }
        for path in ["/v1/runs/:run_id/logs", "/v1/runs/:run_id/links", "/v1/runs/:run_id/edges", "/v1/runs/:run_id/documents",
                     "/v1/runs/:run_id/export"] {
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
                 path: String) async throws -> ListPage<LogEntryResource> {
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
                        document: LogEntryResource.init)
    }

    private func links(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let runID = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        return try JSONResponse.make(try await linkPage(of: runID, query: request.uri.query, context,
                                                        path: "/v1/runs/\(runID)/links"))
    }

    /// One page of the run's links (its frontier) as `query` asks, with cursors bound to `path`.
    func linkPage(of runID: RunID, query text: String?, _ context: TrawlRequestContext,
                  path: String) async throws -> ListPage<LinkResource> {
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
                        document: LinkResource.init)
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
                            document: EdgeResource.init)
        return try JSONResponse.make(page)
    }

    private func documents(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let runID = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        return try JSONResponse.make(try await documentPage(of: runID, query: request.uri.query, context,
                                                            path: "/v1/runs/\(runID)/documents"))
    }

    /// One page of the run's documents as `query` asks, with cursors bound to `path`.
    func documentPage(of runID: RunID, query text: String?, _ context: TrawlRequestContext,
                      path: String) async throws -> ListPage<DocumentResource> {
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
                        document: DocumentResource.init)
    }

    /// `GET /v1/runs/{run_id}/export?format=jsonl|warc`: the run's pages streamed as they are read from the store. The
    /// run is checked first, so a missing or foreign one is a 404 with the error envelope; a failure once bytes are on
    /// the wire can only cut the stream short (the chunked body then lacks its end, which clients report).
    func export(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let runID = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        var reader = QueryReader(try QueryParameters(query: request.uri.query))
        let format = reader.values("format", as: RunExportFormat.self).last ?? .jsonl
        try reader.check()
        let slot = try await ServiceCall.perform(context) { () async throws(ServiceError) in
            _ = try await service.run(runID, tenantID: context.tenantID)
            return try await service.exportSlot(tenantID: context.tenantID)
        }
        let type = format == .jsonl ? "application/x-ndjson" : "application/warc"
        let suffix = format == .jsonl ? "jsonl" : "warc.gz"
        let body = Self.exportBody(service, runID, tenant: context.tenantID, format: format, slot: slot,
                                   logger: context.logger)
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"run-\(runID).\(suffix)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A body that streams the export when the response is written.
    /// The slot is held by the body, so it is given back when the stream ends or the response is dropped unwritten.
    private static func exportBody(_ service: Service, _ runID: RunID, tenant: String, format: RunExportFormat,
                                   slot: TenantSlots.Lease, logger: Logger) -> ResponseBody {
        ResponseBody { writer in
            defer { withExtendedLifetime(slot) {} }
            try await stream(into: &writer, service, runID, tenant: tenant, format: format, logger: logger)
        }
    }

    /// Writes the export to `writer` as it is produced, a block at a time.
    private static func stream(into writer: inout any ResponseBodyWriter, _ service: Service, _ runID: RunID,
                               tenant: String, format: RunExportFormat, logger: Logger) async throws {
        let handoff = BlockHandoff()
        let producer = Task { await produce(service, runID, tenant: tenant, format: format, into: handoff, logger: logger) }
        var failure: (any Error)?
        while failure == nil {
            let block: [UInt8]?
            do { block = try await handoff.receive() } catch { failure = error; break }
            guard let block else { break }
            do { try await writer.write(ByteBuffer(bytes: block)) } catch { failure = error }
        }
        if let failure {
            // The client went away, or the export failed midway: the producer stops at its next block, and is waited
            // for, so the export's slot (given back when this returns) never outlives the store reader it counts.
            await handoff.finish()
            producer.cancel()
            await producer.value
            throw failure
        }
        await producer.value
        try await writer.finish(nil)
    }

    /// Runs the export into `handoff`, ending it (with the failure, if any) when the export ends.
    private static func produce(_ service: Service, _ runID: RunID, tenant: String, format: RunExportFormat,
                                into handoff: BlockHandoff, logger: Logger) async {
        do {
            try await service.exportRun(runID, tenantID: tenant, format: format) { block in try await handoff.send(block) }
            await handoff.finish()
        } catch {
            logger.error("export of run \(runID) cut short", metadata: ["error": .string("\(error)")])
            await handoff.finish(throwing: error)
        }
    }
}
