import Foundation
import TrawlCore

/// A run's page: status and controls, live progress, the rate chart, pipeline steps and readiness, and the resolved
/// configuration. Every live value carries `data-field` (its path in the run document), which `console.js` refreshes
/// from the live endpoint once a second while the run is not finished.
struct ConsoleRunView {
    let run: Run
    /// The run's job's name (nil when the job is gone).
    let jobName: String?
    let document: ConfigValue
    let session: ConsoleSession?

    /// The progress figures shown, by their path in the run document.
    static let progress: [(String, String)] = [
        ("Fetched", "progress.fetched"), ("Queued", "progress.queued"), ("In flight", "progress.in_flight"),
        ("Failed", "progress.failed"), ("Excluded", "progress.excluded"), ("Depth reached", "progress.depth_reached"),
        ("Discovered", "progress.discovered"), ("Unchanged", "progress.unchanged"),
    ]

    var html: HTML {
        let id = run.id.description
        let figures = Self.progress.map { label, path -> HTML in
            "<div><dt>\(label)</dt><dd data-field=\"\(path)\">\(value(path))</dd></div>"
        }
        return """
            <section id="run" data-live="/ui/runs/\(id)/live" data-status="\(run.status.rawValue)" aria-labelledby="run-state">
            <h2 id="run-state" class="visually-hidden">State</h2>
            <p class="state">Status <span data-field="status" class="badge" aria-live="polite">\(run.status.rawValue)</span>
            · stop reason <span data-field="stop_reason">\(value("stop_reason"))</span>
            · job <a href="/ui/jobs/\(run.jobID.description)">\(jobName ?? run.jobID.description)</a></p>
            \(errorLine)
            \(controls)
            <h2>Progress</h2>
            <dl class="figures">\(figures)
            <div><dt>Pages per second</dt><dd data-rate>\(averageRate)</dd></div></dl>
            <figure class="chart"><svg id="rate-chart" viewBox="0 0 600 120" role="img" aria-label="Pages per second over time">
            <polyline points="" /></svg><figcaption>Pages per second, sampled once a second while this page is open.</figcaption></figure>
            <h2>Pipeline</h2>
            \(steps)
            <p>Ready for text search: <span data-field="ready_for.text_search">\(value("ready_for.text_search"))</span>
            · semantic search: <span data-field="ready_for.semantic_search">\(value("ready_for.semantic_search"))</span>
            · documents <span data-field="documents.parsed">\(value("documents.parsed"))</span> parsed,
            <span data-field="documents.embedded">\(value("documents.embedded"))</span> embedded,
            <span data-field="documents.failed">\(value("documents.failed"))</span> failed
            · chunks <span data-field="chunks.created">\(value("chunks.created"))</span></p>
            <h2>More</h2>
            \(Self.tabs(run.id, current: nil))
            <p>Export: <a href="/ui/runs/\(id)/export?format=jsonl" download>JSONL</a>
            · <a href="/ui/runs/\(id)/export?format=warc" download>WARC (gzip)</a></p>
            <details><summary>Resolved configuration</summary><pre>\(ConsoleJSON.pretty(ConsoleJSON.at(document, "config")))</pre></details>
            </section>
            """
    }

    /// The value at `path`, as text.
    private func value(_ path: String) -> String { ConsoleJSON.text(ConsoleJSON.at(document, path)) }

    private var errorLine: HTML {
        guard let error = run.error else { return "" }
        return "<p class=\"problem\" role=\"alert\">Error: \(error.message)</p>"
    }

    /// Pause, resume and stop: plain forms (they work without JavaScript); the API's 409 explains a refusal.
    private var controls: HTML {
        guard let session else { return "" }
        let buttons = ["pause", "resume", "stop"].map { verb -> HTML in
            """
            <form method="post" action="/ui/runs/\(run.id.description)/\(verb)">\(ConsolePage.csrfField(session))\
            <button type="submit" name="verb" value="\(verb)">\(verb.capitalized)</button></form>
            """
        }
        return "<div class=\"controls\" aria-label=\"Run controls\">\(buttons)</div>"
    }

    /// Fetched pages over the time the run has run: what the page can say without samples.
    private var averageRate: String {
        guard let started = run.startedAt else { return "–" }
        let end = run.finishedAt ?? run.pausedAt ?? Date()
        let seconds = end.timeIntervalSince(started)
        guard seconds > 0 else { return "–" }
        return (Double(run.progress.fetched) / seconds).formatted(.number.precision(.fractionLength(1))) + " (average)"
    }

    private var steps: HTML {
        let rows = ConsoleJSON.items(ConsoleJSON.at(document, "steps")).map { step -> [HTML] in
            let name = ConsoleJSON.text(ConsoleJSON.at(step, "name"))
            let cell = { (field: String) -> HTML in
                "<span data-field=\"steps.\(name).\(field)\">\(ConsoleJSON.text(ConsoleJSON.at(step, field)))</span>"
            }
            return ["\(name)", cell("status"), cell("processed"), cell("failed"), cell("started_at"), cell("finished_at"),
                    cell("error")]
        }
        return ConsoleFields.table("Steps", columns: ["Step", "Status", "Processed", "Failed", "Started", "Finished", "Error"],
                                   rows: rows, empty: "No steps.")
    }

    /// Links to the run's page and its log, links and documents, the current one marked.
    static func tabs(_ id: RunID, current: String?) -> HTML {
        let items = [("", "Overview"), ("log", "Crawl log"), ("links", "Links"), ("documents", "Documents")].map { path, label -> HTML in
            let href = path.isEmpty ? "/ui/runs/\(id)" : "/ui/runs/\(id)/\(path)"
            let marked: HTML = (current ?? "") == path ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(href)\"\(marked)>\(label)</a></li>"
        }
        return "<nav class=\"tabs\" aria-label=\"Run\"><ul>\(items)</ul></nav>"
    }
}
