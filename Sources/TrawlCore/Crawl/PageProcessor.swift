import Foundation

/// Turns a response into a `ProcessedPage`: parses HTML once, resolves and normalises every link, applies
/// the URL gate. Pure and thread-safe: the engine runs it on worker tasks so the crawl loop stays light.
public struct PageProcessor: Sendable {
    private let parser: any HTMLParsing
    private let gate: URLGate
    private let productToken: String
    private let linkBudget: LinkBudget

    /// A processor using `parser` and `gate`, keeping at most what `linkBudget` allows of each page's links.
    public init(parser: any HTMLParsing, gate: URLGate, productToken: String, linkBudget: LinkBudget = LinkBudget()) {
        self.parser = parser
        self.gate = gate
        self.productToken = productToken
        self.linkBudget = linkBudget
    }

    /// Processes the response to `entry`. With `prior` (the job's previous run fetched this URL), a complete 2xx body
    /// whose digest equals the earlier one becomes a revisit of it and is not stored again.
    public func process(_ response: FetchResponse, entry: FrontierEntry, prior: PriorFetch? = nil,
                        detectIdenticalPayload: Bool = false) -> ProcessedPage {
        var record = PageRecord(
            url: entry.url.string, depth: entry.depth, parentURL: entry.parentURL, fetchedAt: response.startedAt,
            status: response.status, contentType: response.headers["Content-Type"], title: nil, outlinks: [],
            redirectTarget: nil, canonicalURL: nil, language: nil, noindex: false, requestHead: response.requestHead,
            responseHead: response.responseHead, body: response.body, truncated: response.truncated,
            ipAddress: response.ipAddress, httpVersion: response.httpVersion,
            durationMilliseconds: Self.milliseconds(response.duration), warning: response.truncated ? "too_large" : nil)
        record.lease = response.lease
        record.etag = Validator.sanitized(response.headers["ETag"])
        record.lastModified = Validator.sanitized(response.headers["Last-Modified"])
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
        if Self.isHTML(response) { parse(response.body, declaredCharset: response.declaredCharset, into: &page) }
        // Digested here, on a compute thread, rather than by the store's single writer, which a fast crawl waits on.
        let digest = PayloadDigest.sha256(response.body)
        page.record.payloadSHA256 = digest
        if let prior, detectIdenticalPayload, (200...299).contains(response.status), !response.truncated {
            if digest == prior.payloadSHA256 {
                // The same bytes again: stored once, with the page that first fetched them.
                page.record.revisit = prior.revisit(.identicalPayload)
                page.record.body = []
                page.record.lease = nil
            }
        }
        return page
    }

    /// Processes a URL whose payload is the previous run's: a 304 answer (`response`), or no request at all
    /// (`response` nil). The page keeps the exchange that happened and points at the stored payload; its links are
    /// taken from that payload, so the crawl follows them as if the body had come again.
    public func processRevisit(_ kind: Revisit.Kind, response: FetchResponse?, prior: PriorFetch,
                               payload: StoredPayload, entry: FrontierEntry) -> ProcessedPage {
        var record = PageRecord(
            url: entry.url.string, depth: entry.depth, parentURL: entry.parentURL,
            // A page reused without a request was last confirmed when the earlier run confirmed it: a later run's
            // `min_age` and sitemap dates count from then, or a page reused every night would never be asked again.
            fetchedAt: response?.startedAt ?? prior.verifiedAt, status: response?.status ?? prior.payloadStatus,
            contentType: prior.contentType ?? payload.contentType, title: nil, outlinks: [], redirectTarget: nil,
            canonicalURL: nil, language: nil, noindex: false, requestHead: response?.requestHead ?? [],
            responseHead: response?.responseHead ?? [], body: [], truncated: false, ipAddress: response?.ipAddress,
            httpVersion: response?.httpVersion ?? "", durationMilliseconds: response.map { Self.milliseconds($0.duration) } ?? 0,
            warning: nil)
        // A 304 need not repeat the validators; the earlier ones then still name this payload.
        record.etag = Validator.sanitized(response?.headers["ETag"]) ?? prior.etag
        record.lastModified = Validator.sanitized(response?.headers["Last-Modified"]) ?? prior.lastModified
        record.revisit = prior.revisit(kind)
        record.payloadSHA256 = prior.payloadSHA256
        var page = ProcessedPage(entry: entry, record: record, links: [], redirect: nil, parseDuration: nil,
                                 parseExceeded: nil)
        let headers = HTTPHeaders(record.contentType.map { [("Content-Type", $0)] } ?? [])
        if PageRecord.isHTML(mediaType: headers.mediaType, body: payload.body) {
            parse(payload.body, declaredCharset: headers.charset, into: &page)
        }
        return page
    }

    /// Parses an HTML body into the page's metadata and the links to follow.
    private func parse(_ body: [UInt8], declaredCharset: String?, into page: inout ProcessedPage) {
        let entry = page.entry
        let started = ContinuousClock.now
        // Visible text is not built here: it is derived from the stored body when a run is exported or indexed,
        // which keeps the crawl loop's parse lean and the store half the size.
        let html = parser.parse(body, declaredCharset: declaredCharset, productToken: productToken, extractText: false)
        var record = page.record
        record.title = html.title
        record.language = html.language
        record.noindex = html.metaRobots.noindex
        let base = html.baseHref.flatMap { try? CrawlURL($0, relativeTo: entry.url) } ?? entry.url
        record.canonicalURL = html.canonical.flatMap { try? CrawlURL($0, relativeTo: base) }?.string

        var seen = Set<CrawlURL>()
        var outlinks: [String] = []
        var links: [DiscoveredLink] = []
        var linkBytes = 0
        var cut: String?
        let judging = ContinuousClock.now
        /// Keeps the link unless the page has used its budget (`exempt` links are kept anyway); false once it has.
        func consider(_ href: String, follow: Bool, exempt: Bool = false) -> Bool {
            guard exempt || ContinuousClock.now - judging <= linkBudget.maxTime else {
                cut = LinkBudget.timeReason
                return false
            }
            guard let resolved = try? CrawlURL(href, relativeTo: base) else { return true }
            let url = gate.sanitized(resolved)
            guard seen.insert(url).inserted else { return true }
            let length = url.string.utf8.count
            guard exempt || (outlinks.count < linkBudget.maxLinks && linkBytes + length <= linkBudget.maxBytes) else {
                cut = LinkBudget.reason
                return false
            }
            linkBytes += length
            outlinks.append(url.string)
            if follow { links.append(DiscoveredLink(url: url, exclusion: gate.exclusion(for: url))) }
            return true
        }
        let followAll = !html.metaRobots.nofollow
        for link in html.links where !consider(link.href, follow: followAll && !link.nofollow) { break }
        // A refresh is the page's redirect and the canonical link where it says it lives: one each, always kept.
        if let refresh = html.refresh { _ = consider(refresh, follow: followAll, exempt: true) }
        if let canonical = html.canonical { _ = consider(canonical, follow: followAll, exempt: true) }
        record.outlinks = outlinks
        if let cut {
            record.warning = cut
            page.linksCut = cut
        }
        if let limit = html.exceeded {
            record.warning = ParseBudget.reason
            page.parseExceeded = limit
        }
        page.record = record
        page.links = links
        page.parseDuration = ContinuousClock.now - started
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// HTML by declared type, or by a sniff of the first bytes when no type was sent.
    static func isHTML(_ response: FetchResponse) -> Bool {
        PageRecord.isHTML(mediaType: response.mediaType, body: response.body)
    }
}
