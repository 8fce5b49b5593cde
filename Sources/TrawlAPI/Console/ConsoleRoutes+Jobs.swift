import Foundation
import Hummingbird
import TrawlCore

/// Jobs: the list, a job with its runs and triggers, starting a run, creating and editing from a manifest, and a
/// trigger with its executions and its switch.
extension ConsoleRoutes {
    func registerJobs(on router: Router<TrawlRequestContext>) {
        page("/ui/jobs", on: router) { request, context in try await jobList(request, context) }
        page("/ui/jobs/new", on: router) { _, context in
            ConsolePage.render("New job", section: .jobs, session: context.console,
                               manifestForm(action: "/ui/jobs/new", text: Self.exampleManifest, issues: [], session: context.console))
        }
        action("/ui/jobs/new", on: router) { _, context, form in try await createJob(context, form) }
        page("/ui/jobs/:job_id", on: router) { request, context in try await jobPage(request, context) }
        page("/ui/jobs/:job_id/edit", on: router) { _, context in
            let job = try await job(context)
            let text = ConsoleJSON.pretty(.object([("name", .string(job.name)),
                                                  ("labels", .object(job.labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                                                  ("config", job.config.shownConfigValue)]))
            return ConsolePage.render("Edit \(job.name)", section: .jobs, session: context.console,
                                      manifestForm(action: "/ui/jobs/\(job.id)/edit", text: text, issues: [], session: context.console))
        }
        action("/ui/jobs/:job_id/edit", on: router) { _, context, form in try await editJob(context, form) }
        action("/ui/jobs/:job_id/runs", on: router) { _, context, _ in
            let id = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
            let run = try await call(context) { () async throws(ServiceError) in
                try await service.createRun(jobID: id, runID: nil, tenantID: context.tenantID)
            }
            return ConsolePage.redirect(to: "/ui/runs/\(run.id)")
        }
        page("/ui/triggers/:trigger_id", on: router) { _, context in try await triggerPage(context) }
        for (verb, enabled) in [("enable", true), ("disable", false)] {
            action("/ui/triggers/:trigger_id/\(verb)", on: router) { _, context, _ in
                let id = try PathID.read("trigger_id", from: context, as: TriggerID.self, kind: "trigger")
                _ = try await call(context) { () async throws(ServiceError) in
                    try await service.setTrigger(id, enabled: enabled, tenantID: context.tenantID)
                }
                return ConsolePage.redirect(to: "/ui/triggers/\(id)")
            }
        }
    }

    private func job(_ context: TrawlRequestContext) async throws -> Job {
        let id = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
        return try await call(context) { () async throws(ServiceError) in try await service.job(id, tenantID: context.tenantID) }
    }

    // MARK: The list and one job

    private func jobList(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let parameters = ConsoleLinks.parameters(request.uri.query)
        let jobs = try await JobRoutes(service: service, bodyLimits: bodyLimits)
            .page(query: Self.apiQuery(parameters), context, path: "/ui/jobs")
        let filters = ConsoleFields.filters(action: "/ui/jobs", [
            .text("names", "Name"), .text("label", "Label", placeholder: "key=value"),
        ], values: parameters)
        let rows = jobs.data.map { document -> [HTML] in
            let job = document.job
            return ["<a href=\"/ui/jobs/\(job.id.description)\">\(job.name)</a>",
                    "\(job.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))",
                    "<time>\(Timestamp.format(job.createdAt))</time>"]
        }
        let table = ConsoleFields.table("Jobs, newest first", columns: ["Name", "Labels", "Created"], rows: rows,
                                        empty: "No jobs match.")
        return ConsolePage.render("Jobs", section: .jobs, session: context.console, """
            <p><a class="button" href="/ui/jobs/new">New job</a></p>
            \(filters)\(table)\(ConsoleFields.nextPage("/ui/jobs", parameters: parameters, cursor: jobs.nextPage))
            """)
    }

    private func jobPage(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let job = try await job(context)
        let parameters = ConsoleLinks.parameters(request.uri.query)
        let path = "/ui/jobs/\(job.id)"
        let runs = try await self.runs.page(query: Self.apiQuery(parameters), context, jobID: job.id, path: path)
        var triggerQuery = TriggerQuery(tenantID: context.tenantID)
        triggerQuery.jobIDs = [job.id]
        triggerQuery.limit = 100
        let triggers = try await call(context) { [triggerQuery] () async throws(ServiceError) in
            try await service.listTriggers(triggerQuery)
        }
        let csrf = context.console.map(ConsolePage.csrfField) ?? ""
        let runRows = runs.data.map { document -> [HTML] in
            let run = document.run
            return ["<a href=\"/ui/runs/\(run.id.description)\">\(String(run.id.description.prefix(8)))</a>",
                    ConsoleFields.badge(run.status.rawValue), "\(run.stopReason?.rawValue ?? "–")",
                    "\(run.progress.fetched.formatted())", "<time>\(Timestamp.format(run.createdAt))</time>"]
        }
        let triggerRows = triggers.map { trigger -> [HTML] in
            ["<a href=\"/ui/triggers/\(trigger.id.description)\">\(trigger.name)</a>",
             "\(ConsoleJSON.text(ConsoleJSON.at(ConsoleJSON.value(TriggerResource(trigger)), "condition")))",
             "\(trigger.enabled ? "enabled" : "disabled")", "\(trigger.nextFireAt.map(Timestamp.format) ?? "–")"]
        }
        let labels = job.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return ConsolePage.render(job.name, section: .jobs, session: context.console, """
            <p>Job <code>\(job.id.description)</code> · labels \(labels.isEmpty ? "none" : labels)</p>
            <div class="controls"><form method="post" action="/ui/jobs/\(job.id.description)/runs">\(csrf)\
            <button type="submit">Start a run</button></form>
            <a class="button" href="/ui/jobs/\(job.id.description)/edit">Edit</a></div>
            <h2>Runs</h2>
            \(ConsoleFields.table("Runs of this job, newest first", columns: ["Run", "Status", "Stop reason", "Fetched", "Created"],
                                  rows: runRows, empty: "No runs yet."))
            \(ConsoleFields.nextPage(path, parameters: parameters, cursor: runs.nextPage))
            <h2>Triggers</h2>
            \(ConsoleFields.table("Triggers", columns: ["Name", "Condition", "State", "Next"], rows: triggerRows,
                                  empty: "No triggers."))
            <details><summary>Configuration</summary><pre>\(ConsoleJSON.pretty(job.config.shownConfigValue))</pre></details>
            """)
    }

    // MARK: Creating and editing

    /// Deepest `[`/`{` nesting a typed manifest may have (a real one has under ten).
    static var maximumManifestNesting: Int { 64 }

    /// A manifest to start from.
    static var exampleManifest: String { """
        name: docs
        labels: {team: search}
        config:
          seeds:
            - kind: static_list
              params: {urls: ["https://example.com/"]}
          stopping_criteria:
            - kind: max_urls
              params: {max_urls: 100}
        """ }

    /// The manifest editor: YAML or JSON, with the validator's path-named problems beside the text.
    private func manifestForm(action: String, text: String, issues: [FieldIssue], session: ConsoleSession?) -> HTML {
        let csrf = session.map(ConsolePage.csrfField) ?? ""
        let problems: HTML = issues.isEmpty ? "" : """
            <div class="issues" role="alert" id="manifest-issues"><h2>The manifest has problems</h2><ul>\
            \(issues.map { issue -> HTML in "<li><code>\(issue.field.isEmpty ? "(manifest)" : issue.field)</code> \(issue.message)</li>" })\
            </ul></div>
            """
        let described: HTML = issues.isEmpty ? "" : " aria-describedby=\"manifest-issues\" aria-invalid=\"true\""
        return """
            <form class="manifest" method="post" action="\(action)">\(csrf)
            <div class="editor"><p><label for="manifest">Manifest (YAML or JSON: <code>name</code>, <code>labels</code>,
            <code>config</code>)</label></p>
            <textarea id="manifest" name="manifest" rows="24" spellcheck="false"\(described)>\(text)</textarea>
            <p><button type="submit">Save</button></p></div>
            \(problems)
            </form>
            """
    }

    private func createJob(_ context: TrawlRequestContext, _ form: ConsoleForm) async throws -> Response {
        let tenant = context.tenantID
        return try await saveJob(form, context, title: "New job", action: "/ui/jobs/new") { draft async throws(ServiceError) in
            try await service.createJob(draft, tenantID: tenant, startRun: false).0.id
        }
    }

    private func editJob(_ context: TrawlRequestContext, _ form: ConsoleForm) async throws -> Response {
        let id = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
        let tenant = context.tenantID
        return try await saveJob(form, context, title: "Edit job", action: "/ui/jobs/\(id)/edit") { draft async throws(ServiceError) in
            try await service.updateJob(id, with: draft, tenantID: tenant).id
        }
    }

    /// Saves the manifest `form` carries with `save` and shows the job, or the editor again with what is wrong.
    private func saveJob(_ form: ConsoleForm, _ context: TrawlRequestContext, title: String, action: String,
                         save: (JobDraft) async throws(ServiceError) -> JobID) async throws -> Response {
        let text = form.value("manifest") ?? ""
        let draft: JobDraft
        switch Self.draft(manifest(text)) {
        case .success(let value): draft = value
        case .failure(let error): return try manifestProblem(title, action: action, text: text, error, context)
        }
        switch await Self.attempt(context, { () async throws(ServiceError) in try await save(draft) }) {
        case .success(let id): return ConsolePage.redirect(to: "/ui/jobs/\(id)")
        case .failure(let error): return try manifestProblem(title, action: action, text: text, error, context)
        }
    }

    /// The job draft a parsed manifest makes, or why it makes none.
    private static func draft(_ manifest: Result<ConfigValue, APIError>) -> Result<JobDraft, APIError> {
        manifest.flatMap { value in Result { () throws(APIError) in try JobBody.draft(from: value, acceptsID: false) } }
    }

    /// The editor again, with what was sent and what is wrong with it (a 400 or 422); other failures are thrown.
    private func manifestProblem(_ title: String, action: String, text: String, _ error: APIError,
                                 _ context: TrawlRequestContext) throws(APIError) -> Response {
        guard error.status == .unprocessableContent || error.status == .badRequest else { throw error }
        let issues = error.fields ?? [FieldIssue(field: "", code: error.code, message: error.message)]
        return ConsolePage.render(title, section: .jobs, session: context.console, status: error.status,
                                  problem: "Nothing was saved: \(issues.count) problem(s), listed beside the manifest.",
                                  manifestForm(action: action, text: text, issues: issues, session: context.console))
    }

    /// The manifest text read as YAML (which includes JSON) when the server can, else as JSON.
    private func manifest(_ text: String) -> Result<ConfigValue, APIError> {
        guard text.utf8.count <= bodyLimits.maxBytes else { return .failure(APIError.payloadTooLarge(limit: bodyLimits.maxBytes)) }
        // The parsers recurse per level: a tenant's `[[[[…` must not reach them.
        var depth = 0, deepest = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1; deepest = max(deepest, depth) }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth = max(0, depth - 1) }
        }
        guard deepest <= Self.maximumManifestNesting else {
            return .failure(APIError.badRequest("the manifest nests deeper than \(Self.maximumManifestNesting) levels"))
        }
        do {
            if let parseManifest { return .success(try parseManifest(text)) }
            return .success(try JSONReader.value(of: text))
        } catch {
            return .failure(APIError.badRequest("the manifest is neither valid YAML nor JSON: \(error)"))
        }
    }

    // MARK: Triggers

    private func triggerPage(_ context: TrawlRequestContext) async throws -> Response {
        let id = try PathID.read("trigger_id", from: context, as: TriggerID.self, kind: "trigger")
        let trigger = try await call(context) { () async throws(ServiceError) in
            try await service.trigger(id, tenantID: context.tenantID)
        }
        let executions = try await call(context) { () async throws(ServiceError) in
            try await service.listExecutions(of: id, tenantID: context.tenantID, after: nil, limit: 50)
        }
        let rows = executions.map { execution -> [HTML] in
            let document = ConsoleJSON.value(TriggerExecutionResource(execution))
            let runID = ConsoleJSON.string(ConsoleJSON.at(document, "run_id"))
            return ["\(ConsoleJSON.text(ConsoleJSON.at(document, "scheduled_for")))",
                    ConsoleFields.badge(ConsoleJSON.text(ConsoleJSON.at(document, "status"))),
                    runID.map { id -> HTML in "<a href=\"/ui/runs/\(id)\">\(String(id.prefix(8)))</a>" } ?? "–",
                    "\(ConsoleJSON.text(ConsoleJSON.at(document, "reason")))"]
        }
        let csrf = context.console.map(ConsolePage.csrfField) ?? ""
        let verb = trigger.enabled ? "disable" : "enable"
        let document = ConsoleJSON.value(TriggerResource(trigger))
        return ConsolePage.render("Trigger \(trigger.name)", section: .jobs, session: context.console, """
            <p>Job <a href="/ui/jobs/\(trigger.jobID.description)">\(trigger.jobID.description)</a>
            · <span class="badge">\(trigger.enabled ? "enabled" : "disabled")</span>
            · next fire \(trigger.nextFireAt.map(Timestamp.format) ?? "–")</p>
            <div class="controls"><form method="post" action="/ui/triggers/\(trigger.id.description)/\(verb)">\(csrf)\
            <button type="submit">\(verb.capitalized)</button></form></div>
            <details open><summary>Condition</summary><pre>\(ConsoleJSON.pretty(ConsoleJSON.at(document, "condition")))</pre></details>
            <h2>Executions</h2>
            \(ConsoleFields.table("Executions, most recent first", columns: ["Scheduled for", "Status", "Run", "Reason"],
                                  rows: rows, empty: "No executions yet."))
            """)
    }
}
