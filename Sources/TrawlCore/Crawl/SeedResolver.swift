import DequeModule
import Foundation

/// Turns seed components into URLs: static lists as given; sitemap seeds by fetching sitemaps (indexes
/// followed, `.xml.gz` read), where a site URL rather than a sitemap means "the sitemaps its robots.txt lists,
/// or /sitemap.xml".
struct SeedResolver: Sendable {
    struct Resolution: Sendable {
        var urls: [CrawlURL] = []
        /// Seeds that could not be used, with why (logged; a run whose seeds all fail ends `empty_seed`).
        var problems: [String] = []
        /// The sitemaps' `<lastmod>` of the URLs that had one, by fingerprint.
        var lastModified: [UInt64: Date] = [:]
    }

    let fetcher: any Fetcher
    let sitemapParser: any SitemapParsing
    let fetcherOptions: FetcherOptions
    let robotsMaxBytes: Int
    let addressPolicy: AddressPolicy
    /// Sitemap indexes nest at most this deep.
    var maxIndexDepth = 3
    /// Sitemap files fetched at most, per URL a sitemap seed names.
    var maxSitemapFetches = 1000
    /// Time spent finding the sitemaps of one URL a sitemap seed names and reading them: a site's sitemaps are its to
    /// make slow (a 50 MiB document that lists nothing takes a second to read), and seeding comes before the run's
    /// `max_age`.
    var maxDuration: Duration = .seconds(120)
    /// Time spent on every sitemap seed of a run together: a manifest may name many sitemap URLs, each with its own
    /// two minutes.
    var maxTotalDuration: Duration = .seconds(300)
    /// URLs taken from the sitemaps of a run together, whatever each component's `limit`: they are held in memory and
    /// written in the run's first batch.
    var maxTotalURLs = SeedSource.maximumSitemapLimit
    /// The default cap on URLs taken from one sitemap seed.
    static let defaultLimit = 50_000

    func resolve(_ sources: [SeedSource]) async -> Resolution {
        var resolution = Resolution()
        var seen = Set<CrawlURL>()
        let runDeadline = ContinuousClock.now + maxTotalDuration
        var fromSitemaps = 0
        func add(_ url: CrawlURL) { if seen.insert(url).inserted { resolution.urls.append(url) } }
        for source in sources {
            switch source {
            case .staticList(let urls):
                for text in urls {
                    do throws(URLParseError) { add(try CrawlURL(text)) } catch {
                        resolution.problems.append("'\(text)': \(error)")
                    }
                }
            case .sitemap(let urls, let limit):
                let cap = min(limit ?? Self.defaultLimit, maxTotalURLs - fromSitemaps)
                var taken = 0
                for text in urls where taken < cap {
                    guard let url = try? CrawlURL(text) else {
                        resolution.problems.append("'\(text)': not an http(s) URL")
                        continue
                    }
                    guard ContinuousClock.now < runDeadline else {
                        resolution.problems.append("sitemap seeds from \(url) on not read: seeding took longer than \(maxTotalDuration)")
                        break
                    }
                    let found = await locations(startingAt: url, cap: cap - taken, until: runDeadline,
                                                problems: &resolution.problems)
                    for (location, lastModified) in found {
                        add(location)
                        // A sitemap speaks for its own host only (sitemaps.org): a date it gives another host's page
                        // must not stop that page being asked about. Listed twice, the latest date holds.
                        guard let lastModified, location.host == url.host else { continue }
                        resolution.lastModified[location.fingerprint] = max(
                            lastModified, resolution.lastModified[location.fingerprint] ?? lastModified)
                    }
                    taken += found.count
                }
                fromSitemaps += taken
            }
        }
        return resolution
    }

    /// Page URLs reachable from `start` (a sitemap, or a site whose sitemaps are to be found), up to `cap`.
    ///
    /// Every sitemap is queued once (an index may list itself, or one child many times), and no more are queued than
    /// may be fetched, so an index of a million entries costs what its first `maxSitemapFetches` distinct ones do.
    private func locations(startingAt start: CrawlURL, cap: Int, until runDeadline: ContinuousClock.Instant,
                           problems: inout [String]) async -> [(CrawlURL, Date?)] {
        let deadline = min(ContinuousClock.now + maxDuration, runDeadline)
        var queued = Set<CrawlURL>()
        var pending = Deque<(CrawlURL, Int)>()
        for sitemap in await sitemapsFor(start) where queued.count < maxSitemapFetches && queued.insert(sitemap).inserted {
            pending.append((sitemap, 0))
        }
        var pages: [(CrawlURL, Date?)] = []
        while pages.count < cap, let next = pending.popFirst() {
            let (sitemapURL, depth) = next
            guard ContinuousClock.now < deadline else {
                problems.append("sitemaps of \(start) not all read: they took longer than their time budget")
                break
            }
            let request = FetchRequest(url: sitemapURL, userAgent: fetcherOptions.userAgent, timeout: fetcherOptions.timeout,
                                       connectTimeout: fetcherOptions.connectTimeout, maxBodyBytes: 50 << 20,
                                       addressPolicy: addressPolicy)
            guard case .success(let response) = await fetcher.fetch(request), (200...299).contains(response.status) else {
                problems.append("sitemap \(sitemapURL) could not be fetched")
                continue
            }
            // Up to 50 MiB of XML: parsed on the compute threads, never on the pool's that serve the API.
            let (parser, body) = (sitemapParser, response.body)
            let parsed = await ComputeThreads.shared.run { () -> Result<SitemapDocument, SitemapError> in
                do throws(SitemapError) { return .success(try parser.parseSitemap(body)) } catch { return .failure(error) }
            }
            let document: SitemapDocument
            switch parsed {
            case .success(let parsedDocument): document = parsedDocument
            case .failure(let error):
                problems.append("sitemap \(sitemapURL): \(error)")
                continue
            }
            entries: for (location, lastModified) in zip(document.locations, document.lastModified) {
                guard let url = try? CrawlURL(location, relativeTo: sitemapURL) else { continue }
                switch document.kind {
                case .index where depth < maxIndexDepth:
                    guard queued.count < maxSitemapFetches else {
                        problems.append("sitemaps of \(start) past \(maxSitemapFetches) not read")
                        break entries
                    }
                    if queued.insert(url).inserted { pending.append((url, depth + 1)) }
                case .index:
                    problems.append("sitemap index nesting deeper than \(maxIndexDepth) at \(url)")
                    break entries
                case .urlSet:
                    pages.append((url, lastModified))
                    if pages.count >= cap { break entries }
                }
            }
        }
        return pages
    }

    /// A URL that names a sitemap is used as is; a site URL yields its robots.txt `Sitemap:` lines or /sitemap.xml.
    private func sitemapsFor(_ url: CrawlURL) async -> [CrawlURL] {
        let path = url.path.lowercased()
        if path.hasSuffix(".xml") || path.hasSuffix(".xml.gz") || path.hasSuffix(".txt") || path.contains("sitemap") {
            return [url]
        }
        let loader = RobotsLoader(fetcher: fetcher, options: fetcherOptions, maxBytes: robotsMaxBytes, maxRedirects: 5,
                                  addressPolicy: addressPolicy)
        if case .rules(let rules) = await loader.load(url.origin) {
            let listed = rules.sitemaps.compactMap { try? CrawlURL($0, relativeTo: url) }
            if !listed.isEmpty { return listed }
        }
        return [(try? CrawlURL("/sitemap.xml", relativeTo: url)) ?? url]
    }
}
