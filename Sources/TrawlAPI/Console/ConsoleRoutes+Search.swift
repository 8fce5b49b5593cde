import Foundation
import Hummingbird
import TrawlCore

/// Search: a query box with the API's modes and filters; one result per page by default (`group=page`), each with
/// its title, address, highlighted snippet and score, and the search's warnings.
extension ConsoleRoutes {
    func searchPage(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let parameters = ConsoleLinks.parameters(request.uri.query)
        let text = ConsoleFields.value("q", in: parameters)
        // The first choice is the default: hybrid, and one result per page (several chunks of one page would fill the
        // list).
        let form = ConsoleFields.filters(action: "/ui/search", button: "Search", [
            .text("q", "Search for"),
            .select("mode", "Mode", [SearchMode.hybrid, .text, .semantic].map(\.rawValue), offersAny: false),
            .select("group", "One result per", [SearchGrouping.page, .chunk].map(\.rawValue), offersAny: false),
            .text("job_ids", "Job ID"), .text("run_ids", "Run ID"), .text("label", "Label", placeholder: "key=value"),
        ], values: parameters)
        guard text != nil else {
            return ConsolePage.render("Search", section: .search, session: context.console, form)
        }
        let document: SearchResultsResource
        do {
            document = try await SearchRoutes(service: service)
                .results(query: Self.apiQuery(parameters), context, defaultGrouping: .page)
        } catch let error as APIError where error.status == .unprocessableContent || error.status == .badRequest {
            let detail = (error.fields ?? []).map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            return ConsolePage.render("Search", section: .search, session: context.console, status: error.status,
                                      problem: detail.isEmpty ? error.message : detail, form)
        }
        let answer = ConsoleJSON.value(document)
        let warnings = ConsoleJSON.items(ConsoleJSON.at(answer, "warnings")).map { warning -> HTML in
            "<li>\(ConsoleJSON.text(warning))</li>"
        }
        let results = ConsoleJSON.items(ConsoleJSON.at(answer, "results")).enumerated().map { index, result -> HTML in
            let url = ConsoleJSON.text(ConsoleJSON.at(result, "url"))
            let title = ConsoleJSON.string(ConsoleJSON.at(result, "title")) ?? url
            let score = ConsoleJSON.at(result, "score")
            let scoreText: String = if case .double(let value) = score { value.formatted(.number.precision(.fractionLength(4))) }
                                    else { ConsoleJSON.text(score) }
            let runID = ConsoleJSON.text(ConsoleJSON.at(result, "run_id"))
            // Crawled addresses are http(s); anything else (a `javascript:` one) is shown, never linked.
            let heading: HTML = url.hasPrefix("https://") || url.hasPrefix("http://")
                ? "<a href=\"\(url)\" rel=\"noreferrer noopener\">\(title)</a>" : "\(title)"
            return """
                <li class="result"><h2>\(heading)</h2>
                <p class="url">\(url)</p>
                <p class="snippet">\(Self.snippet(ConsoleJSON.string(ConsoleJSON.at(result, "snippet")) ?? ""))</p>
                <p class="meta">#\(index + 1) · score \(scoreText) · run <a href="/ui/runs/\(runID)">\(String(runID.prefix(8)))</a></p></li>
                """
        }
        let warningList: HTML = warnings.isEmpty ? "" : "<div class=\"warnings\" role=\"status\"><h2>Warnings</h2><ul>\(warnings)</ul></div>"
        let list: HTML = results.isEmpty ? "<p class=\"empty\">Nothing matches.</p>" : "<ol class=\"results\">\(results)</ol>"
        return ConsolePage.render("Search", section: .search, session: context.console, "\(form)\(warningList)\(list)")
    }

    /// The API's snippet (HTML: the page's text escaped, matches in `<mark>`), kept as markup only when `<mark>` is
    /// the only element in it; anything else is shown as text.
    static func snippet(_ markup: String) -> HTML {
        let bare = markup.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        // By scalar: a `<` joined into one grapheme with its neighbour is no `Character` "<" (`Highlight.html`).
        guard !bare.unicodeScalars.contains("<"), !bare.unicodeScalars.contains(">") else { return "\(markup)" }
        return HTML(trusted: markup)
    }
}
