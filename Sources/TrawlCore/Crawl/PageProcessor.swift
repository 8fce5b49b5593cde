import Foundation

/// Turns a response into a `ProcessedPage`: parses HTML once, resolves and normalises every link, applies
/// the URL gate. Pure and thread-safe: the engine runs it on worker tasks so the crawl loop stays light.
public struct PageProcessor: Sendable {
    private let parser: any HTMLParsing
    private let gate: URLGate
    private let productToken: String

    /// A processor using `parser` and `gate`.
    public init(parser: any HTMLParsing, gate: URLGate, productToken: String) {
        self.parser = parser
        self.gate = gate
        self.productToken = productToken
    }

    /// Processes the response to `entry`.
    public func process(_ response: FetchResponse, entry: FrontierEntry) -> ProcessedPage {
        var record = PageRecord(
            url: entry.url.string, depth: entry.depth, parentURL: entry.parentURL, fetchedAt: response.startedAt,
            status: response.status, contentType: response.headers["Content-Type"], title: nil, outlinks: [],
            redirectTarget: nil, canonicalURL: nil, language: nil, noindex: false, requestHead: response.requestHead,
            responseHead: response.responseHead, body: response.body, truncated: response.truncated,
            ipAddress: response.ipAddress, httpVersion: response.httpVersion,
            durationMilliseconds: Int(response.duration.components.seconds * 1000
                + response.duration.components.attoseconds / 1_000_000_000_000_000),
            warning: response.truncated ? "too_large" : nil)
        record.lease = response.lease
        var page = ProcessedPage(entry: entry, record: record, links: [], redirect: nil, parseDuration: nil,
                                 parseExceeded: nil)

        if (300...399).contains(response.status), let location = response.headers["Location"] {
            if let target = try? CrawlURL(location, relativeTo: entry.url) {
                let target = gate.sanitized(target)
                page.record.redirectTarget = target.string
                page.redirect = DiscoveredLink(url: target, exclusion: gate.exclusion(for: target))
            } else {
                page.record.warning = "invalid_redirect"
            }
            return page
        }
        guard Self.isHTML(response) else { return page }
        let started = ContinuousClock.now

        // Visible text is not built here: it is derived from the stored body when a run is exported or indexed,
        // which keeps the crawl loop's parse lean and the store half the size.
        let html = parser.parse(response.body, declaredCharset: response.declaredCharset, productToken: productToken,
                                extractText: false)
        record = page.record
        record.title = html.title
        record.language = html.language
        record.noindex = html.metaRobots.noindex
        let base = html.baseHref.flatMap { try? CrawlURL($0, relativeTo: entry.url) } ?? entry.url
        record.canonicalURL = html.canonical.flatMap { try? CrawlURL($0, relativeTo: base) }?.string

        var seen = Set<CrawlURL>()
        var outlinks: [String] = []
        var links: [DiscoveredLink] = []
        func consider(_ href: String, follow: Bool) {
            guard let resolved = try? CrawlURL(href, relativeTo: base) else { return }
            let url = gate.sanitized(resolved)
            guard seen.insert(url).inserted else { return }
            outlinks.append(url.string)
            if follow { links.append(DiscoveredLink(url: url, exclusion: gate.exclusion(for: url))) }
        }
        let followAll = !html.metaRobots.nofollow
        for link in html.links { consider(link.href, follow: followAll && !link.nofollow) }
        if let refresh = html.refresh { consider(refresh, follow: followAll) }
        if let canonical = html.canonical { consider(canonical, follow: followAll) }
        record.outlinks = outlinks
        if let limit = html.exceeded {
            record.warning = ParseBudget.reason
            page.parseExceeded = limit
        }
        page.record = record
        page.links = links
        page.parseDuration = ContinuousClock.now - started
        return page
    }

    /// HTML by declared type, or by a sniff of the first bytes when no type was sent.
    static func isHTML(_ response: FetchResponse) -> Bool {
        PageRecord.isHTML(mediaType: response.mediaType, body: response.body)
    }
}
