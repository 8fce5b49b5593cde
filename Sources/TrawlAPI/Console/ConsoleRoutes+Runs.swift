import Foundation
import Hummingbird
import TrawlCore

/// The runs list, a run's page with its controls and live endpoint, and its log, links and documents.
extension ConsoleRoutes {
    func registerRuns(on router: Router<TrawlRequestContext>) {
        page("/ui/runs", on: router) { request, context in try await runList(request, context) }
        page("/ui/runs/:run_id", on: router) { _, context in try await runPage(context) }
        router.get("/ui/runs/:run_id/live") { _, context in
            let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
            let run = try await call(context) { () async throws(ServiceError) in try await service.run(id, tenantID: context.tenantID) }
            return Response(status: .ok, headers: ConsolePage.headers(contentType: "application/json; charset=utf-8"),
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: ConsoleJSON.document(run).bytes)))
        }
        for verb in ["pause", "resume", "stop"] {
            action("/ui/runs/:run_id/\(verb)", on: router) { _, context, _ in try await control(verb, context) }
        }
        // Downloads, streamed by the API's own export (the console's cookie is the credential here).
        router.get("/ui/runs/:run_id/export") { request, context in try await runData.export(request, context) }
        page("/ui/runs/:run_id/log", on: router) { request, context in try await runLog(request, context) }
        page("/ui/runs/:run_id/links", on: router) { request, context in try await runLinks(request, context) }
        page("/ui/runs/:run_id/documents", on: router) { request, context in try await runDocuments(request, context) }
    }

    // MARK: The list

    private func runList(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let parameters = ConsoleLinks.parameters(request.uri.query)
        let runs = try await self.runs.page(query: Self.apiQuery(parameters), context, jobID: nil, path: "/ui/runs")
        let filters = ConsoleFields.filters(action: "/ui/runs", [
            .select("statuses", "Status", RunStatus.allCases.map(\.rawValue)),
            .select("stop_reasons", "Stop reason", StopReason.allCases.map(\.rawValue)),
            .text("job_ids", "Job ID"), .text("label", "Label", placeholder: "key=value"),
            .text("created_after", "Created after", placeholder: "2026-12-01T00:00:00Z"),
            .text("created_before", "Created before", placeholder: "2026-12-31T00:00:00Z"),
        ], values: parameters)
        let names = try await jobNames(Set(runs.data.map(\.run.jobID)), context)
        let rows = runs.data.map { document -> [HTML] in
            let run = document.run
            return [
                "<a href=\"/ui/runs/\(run.id.description)\">\(String(run.id.description.prefix(8)))</a>",
                "<a href=\"/ui/jobs/\(run.jobID.description)\">\(names[run.jobID] ?? String(run.jobID.description.prefix(8)))</a>",
                ConsoleFields.badge(run.status.rawValue),
                "\(run.stopReason?.rawValue ?? "–")",
                "\(run.progress.fetched.formatted())",
                "\(run.progress.queued.formatted())",
                "\(run.progress.failed.formatted())",
                "<time>\(Timestamp.format(run.createdAt))</time>",
            ]
        }
        let table = ConsoleFields.table("Runs, newest first", columns: ["Run", "Job", "Status", "Stop reason", "Fetched",
                                                                        "Queued", "Failed", "Created"],
                                        rows: rows, empty: "No runs match.")
        return ConsolePage.render("Runs", section: .runs, session: context.console, """
            \(filters)\(table)\(ConsoleFields.nextPage("/ui/runs", parameters: parameters, cursor: runs.nextPage))
            """)
    }

    /// The names of `ids`, the jobs of one page of runs, in one query.
    private func jobNames(_ ids: Set<JobID>, _ context: TrawlRequestContext) async throws -> [JobID: String] {
        guard !ids.isEmpty else { return [:] }
        var query = JobQuery(tenantID: context.tenantID)
        query.includeIDs = Array(ids)
        query.limit = ids.count
        let jobs = try await call(context) { [query] () async throws(ServiceError) in try await service.listJobs(query) }
        return Dictionary(jobs.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// The API's query for the console's parameters: its one label field (`key=value`) becomes `labels[key]=value`.
    static func apiQuery(_ parameters: [(String, String)]) -> String {
        let translated = parameters.map { name, value -> (String, String) in
            guard name == "label", let equals = value.firstIndex(of: "=") else { return (name, value) }
            return ("labels[\(value[..<equals])]", String(value[value.index(after: equals)...]))
        }
        return String(ConsoleLinks.query(translated).dropFirst())
    }

    // MARK: One run

    private func runPage(_ context: TrawlRequestContext, problem: APIError? = nil) async throws -> Response {
        let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        let run = try await call(context) { () async throws(ServiceError) in try await service.run(id, tenantID: context.tenantID) }
        let document = ConsoleJSON.run(run)
        let session = context.console
        let jobName = try? await call(context) { () async throws(ServiceError) in
            try await service.job(run.jobID, tenantID: context.tenantID).name
        }
        return ConsolePage.render("Run \(String(id.description.prefix(8)))", section: .runs, session: session,
                                  status: problem?.status ?? .ok, problem: problem?.message,
                                  ConsoleRunView(run: run, jobName: jobName, document: document, session: session).html)
    }

    private func control(_ verb: String, _ context: TrawlRequestContext) async throws -> Response {
        let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        let tenant = context.tenantID
        let transition: @Sendable () async throws(ServiceError) -> Run = switch verb {
        case "pause": { () async throws(ServiceError) in try await service.pauseRun(id, tenantID: tenant) }
        case "resume": { () async throws(ServiceError) in try await service.resumeRun(id, tenantID: tenant) }
        default: { () async throws(ServiceError) in try await service.stopRun(id, tenantID: tenant) }
        }
        let outcome: Result<Run, APIError> = await Self.attempt(context, transition)
        if case .failure(let error) = outcome {
            // The API's own 409 message, on the run's page; anything else is an error page.
            guard error.status == .conflict else { throw error }
            return try await runPage(context, problem: error)
        }
        return ConsolePage.redirect(to: "/ui/runs/\(id)")
    }

    /// A service call's outcome as the API would answer it.
    static func attempt<T>(_ context: TrawlRequestContext,
                           _ body: () async throws(ServiceError) -> T) async -> Result<T, APIError> {
        do {
            return .success(try await ServiceCall.perform(context, body))
        } catch {
            return .failure(error)
        }
    }

    // MARK: Log, links, documents

    /// How a run data tab shows one field of its rows.
    private enum Style { case text, badge, url }

    private func runLog(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        try await runDataTab(request, context, tab: "log", title: "Crawl log", caption: "Crawl log, oldest first",
                             empty: "No log entries match.",
                             filters: [.select("steps", "Step", CrawlLogEntry.Step.allCases.map(\.rawValue)),
                                       .select("statuses", "Status", CrawlLogEntry.Status.allCases.map(\.rawValue)),
                                       .text("hosts", "Host"), .text("error_reasons", "Error reason")],
                             columns: [("At", "at", .text), ("Step", "step", .text), ("Status", "status", .badge),
                                       ("URL", "url", .url), ("HTTP", "http_status", .text),
                                       ("Reason", "error_reason", .text), ("Depth", "depth", .text)],
                             page: runData.logPage(of:query:_:path:))
    }

    private func runLinks(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        try await runDataTab(request, context, tab: "links", title: "Links", caption: "Links the run found",
                             empty: "No links match.",
                             filters: [.select("states", "State", FrontierRecord.State.allCases.map(\.rawValue))],
                             columns: [("URL", "url", .url), ("State", "state", .badge), ("Depth", "depth", .text),
                                       ("HTTP", "http_status", .text), ("Reason", "reason", .text)],
                             page: runData.linkPage(of:query:_:path:))
    }

    private func runDocuments(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        try await runDataTab(request, context, tab: "documents", title: "Documents", caption: "Documents",
                             empty: "No documents match.",
                             filters: [.select("statuses", "Status", DocumentRecord.Status.allCases.map(\.rawValue))],
                             columns: [("URL", "url", .url), ("Title", "title", .text), ("Status", "status", .badge),
                                       ("Change", "change", .text), ("Chunks", "chunks_created", .text),
                                       ("Error", "error", .text)],
                             page: runData.documentPage(of:query:_:path:))
    }

    /// One of a run's data tabs: the API's page of `Item`s for the tab's filters, as a table of `columns` (label, key in
    /// the item's JSON, style), with the run's tabs above and the next page's link below.
    private func runDataTab<Item: Encodable>(
        _ request: Request, _ context: TrawlRequestContext, tab: String, title: String, caption: String, empty: String,
        filters: [ConsoleFields.Filter], columns: [(label: String, key: String, style: Style)],
        page read: (RunID, String?, TrawlRequestContext, String) async throws -> ListPage<Item>
    ) async throws -> Response {
        let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        let parameters = ConsoleLinks.parameters(request.uri.query)
        let path = "/ui/runs/\(id)/\(tab)"
        let page = try await read(id, Self.apiQuery(parameters), context, path)
        let rows = page.data.map { ConsoleJSON.value($0) }.map { item in
            columns.map { column -> HTML in
                let text = ConsoleJSON.text(ConsoleJSON.at(item, column.key))
                return switch column.style {
                case .text: "\(text)"
                case .badge: ConsoleFields.badge(text)
                case .url: "<span class=\"url\">\(text)</span>"
                }
            }
        }
        let table = ConsoleFields.table(caption, columns: columns.map(\.label), rows: rows, empty: empty)
        return ConsolePage.render("\(title) of run \(String(id.description.prefix(8)))", section: .runs,
                                  session: context.console, """
            \(ConsoleRunView.tabs(id, current: tab))\(ConsoleFields.filters(action: path, filters, values: parameters))\(table)\
            \(ConsoleFields.nextPage(path, parameters: parameters, cursor: page.nextPage))
            """)
    }
}
