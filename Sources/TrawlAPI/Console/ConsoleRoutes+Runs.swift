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
            ConsoleFields.select("statuses", "Status", RunStatus.allCases.map(\.rawValue),
                                 selected: ConsoleFields.value("statuses", in: parameters)),
            ConsoleFields.select("stop_reasons", "Stop reason", StopReason.allCases.map(\.rawValue),
                                 selected: ConsoleFields.value("stop_reasons", in: parameters)),
            ConsoleFields.text("job_ids", "Job ID", value: ConsoleFields.value("job_ids", in: parameters)),
            ConsoleFields.text("label", "Label", value: ConsoleFields.value("label", in: parameters), placeholder: "key=value"),
            ConsoleFields.text("created_after", "Created after", value: ConsoleFields.value("created_after", in: parameters),
                               placeholder: "2026-12-01T00:00:00Z"),
            ConsoleFields.text("created_before", "Created before", value: ConsoleFields.value("created_before", in: parameters),
                               placeholder: "2026-12-31T00:00:00Z"),
        ])
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

    private func runLog(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        let parameters = ConsoleLinks.parameters(request.uri.query)
        let path = "/ui/runs/\(id)/log"
        let page = try await runData.logPage(of: id, query: Self.apiQuery(parameters), context, path: path)
        let filters = ConsoleFields.filters(action: path, [
            ConsoleFields.select("steps", "Step", CrawlLogEntry.Step.allCases.map(\.rawValue),
                                 selected: ConsoleFields.value("steps", in: parameters)),
            ConsoleFields.select("statuses", "Status", CrawlLogEntry.Status.allCases.map(\.rawValue),
                                 selected: ConsoleFields.value("statuses", in: parameters)),
            ConsoleFields.text("hosts", "Host", value: ConsoleFields.value("hosts", in: parameters)),
            ConsoleFields.text("error_reasons", "Error reason", value: ConsoleFields.value("error_reasons", in: parameters)),
        ])
        let rows = page.data.map { ConsoleJSON.value($0) }.map { entry -> [HTML] in
            ["\(ConsoleJSON.text(ConsoleJSON.at(entry, "at")))", "\(ConsoleJSON.text(ConsoleJSON.at(entry, "step")))",
             ConsoleFields.badge(ConsoleJSON.text(ConsoleJSON.at(entry, "status"))),
             "<span class=\"url\">\(ConsoleJSON.text(ConsoleJSON.at(entry, "url")))</span>",
             "\(ConsoleJSON.text(ConsoleJSON.at(entry, "http_status")))",
             "\(ConsoleJSON.text(ConsoleJSON.at(entry, "error_reason")))",
             "\(ConsoleJSON.text(ConsoleJSON.at(entry, "depth")))"]
        }
        let table = ConsoleFields.table("Crawl log, oldest first", columns: ["At", "Step", "Status", "URL", "HTTP", "Reason", "Depth"],
                                        rows: rows, empty: "No log entries match.")
        return ConsolePage.render("Crawl log of run \(String(id.description.prefix(8)))", section: .runs, session: context.console, """
            \(ConsoleRunView.tabs(id, current: "log"))\(filters)\(table)\(ConsoleFields.nextPage(path, parameters: parameters, cursor: page.nextPage))
            """)
    }

    private func runLinks(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        let parameters = ConsoleLinks.parameters(request.uri.query)
        let path = "/ui/runs/\(id)/links"
        let page = try await runData.linkPage(of: id, query: Self.apiQuery(parameters), context, path: path)
        let filters = ConsoleFields.filters(action: path, [
            ConsoleFields.select("states", "State", FrontierRecord.State.allCases.map(\.rawValue),
                                 selected: ConsoleFields.value("states", in: parameters)),
        ])
        let rows = page.data.map { ConsoleJSON.value($0) }.map { link -> [HTML] in
            ["<span class=\"url\">\(ConsoleJSON.text(ConsoleJSON.at(link, "url")))</span>",
             ConsoleFields.badge(ConsoleJSON.text(ConsoleJSON.at(link, "state"))),
             "\(ConsoleJSON.text(ConsoleJSON.at(link, "depth")))", "\(ConsoleJSON.text(ConsoleJSON.at(link, "http_status")))",
             "\(ConsoleJSON.text(ConsoleJSON.at(link, "reason")))"]
        }
        let table = ConsoleFields.table("Links the run found", columns: ["URL", "State", "Depth", "HTTP", "Reason"],
                                        rows: rows, empty: "No links match.")
        return ConsolePage.render("Links of run \(String(id.description.prefix(8)))", section: .runs, session: context.console, """
            \(ConsoleRunView.tabs(id, current: "links"))\(filters)\(table)\(ConsoleFields.nextPage(path, parameters: parameters, cursor: page.nextPage))
            """)
    }

    private func runDocuments(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
        let parameters = ConsoleLinks.parameters(request.uri.query)
        let path = "/ui/runs/\(id)/documents"
        let page = try await runData.documentPage(of: id, query: Self.apiQuery(parameters), context, path: path)
        let filters = ConsoleFields.filters(action: path, [
            ConsoleFields.select("statuses", "Status", DocumentRecord.Status.allCases.map(\.rawValue),
                                 selected: ConsoleFields.value("statuses", in: parameters)),
        ])
        let rows = page.data.map { ConsoleJSON.value($0) }.map { document -> [HTML] in
            ["<span class=\"url\">\(ConsoleJSON.text(ConsoleJSON.at(document, "url")))</span>",
             "\(ConsoleJSON.text(ConsoleJSON.at(document, "title")))",
             ConsoleFields.badge(ConsoleJSON.text(ConsoleJSON.at(document, "status"))),
             "\(ConsoleJSON.text(ConsoleJSON.at(document, "change")))", "\(ConsoleJSON.text(ConsoleJSON.at(document, "chunks_created")))",
             "\(ConsoleJSON.text(ConsoleJSON.at(document, "error")))"]
        }
        let table = ConsoleFields.table("Documents", columns: ["URL", "Title", "Status", "Change", "Chunks", "Error"],
                                        rows: rows, empty: "No documents match.")
        return ConsolePage.render("Documents of run \(String(id.description.prefix(8)))", section: .runs, session: context.console, """
            \(ConsoleRunView.tabs(id, current: "documents"))\(filters)\(table)\(ConsoleFields.nextPage(path, parameters: parameters, cursor: page.nextPage))
            """)
    }
}
