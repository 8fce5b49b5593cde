import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// Sitemap seeding against a site that makes its sitemaps hostile: each index entry costs what its first distinct
/// fetch does, whatever the index repeats or lists.
@Suite struct SeedResolverTests {
    /// Reads a stand-in format: a first line "index" or "urlset", then one location per line.
    struct LineSitemaps: SitemapParsing {
        func parseSitemap(_ body: [UInt8]) throws(SitemapError) -> SitemapDocument {
            let lines = String(decoding: body, as: UTF8.self).split(separator: "\n").map(String.init)
            guard let kind = lines.first else { throw .notASitemap("empty") }
            return SitemapDocument(kind: kind == "index" ? .index : .urlSet, locations: Array(lines.dropFirst()))
        }
    }

    func resolver(_ answers: [String: ScriptedFetcher.Answer]) -> (SeedResolver, ScriptedFetcher) {
        let fetcher = ScriptedFetcher(answers)
        let resolver = SeedResolver(fetcher: fetcher, sitemapParser: LineSitemaps(), fetcherOptions: FetcherOptions(),
                                    robotsMaxBytes: 1 << 16, addressPolicy: .allowAll)
        return (resolver, fetcher)
    }

    func sitemap(_ kind: String, _ locations: [String]) -> ScriptedFetcher.Answer {
        .init(contentType: "application/xml", body: ([kind] + locations).joined(separator: "\n"))
    }

    @Test func anIndexListingItselfIsFetchedOnce() async {
        let (resolver, fetcher) = resolver([
            "http://site.test/s.xml": sitemap("index", Array(repeating: "/s.xml", count: 200_000) + ["/pages.xml"]),
            "http://site.test/pages.xml": sitemap("urlset", ["/a", "/b"]),
        ])
        let resolution = await resolver.resolve([.sitemap(urls: ["http://site.test/s.xml"], limit: nil)])
        #expect(fetcher.requested == ["http://site.test/s.xml", "http://site.test/pages.xml"])
        #expect(resolution.urls.map(\.string) == ["http://site.test/a", "http://site.test/b"])
    }

    @Test func anIndexFanningOutStopsAtTheFetchBudget() async {
        var answers = ["http://site.test/s.xml": sitemap("index", (0..<5_000).map { "/c\($0).xml" })]
        for child in 0..<5_000 { answers["http://site.test/c\(child).xml"] = sitemap("urlset", ["/p\(child)"]) }
        var (resolver, fetcher) = resolver(answers)
        resolver.maxSitemapFetches = 20
        let resolution = await resolver.resolve([.sitemap(urls: ["http://site.test/s.xml"], limit: nil)])
        #expect(fetcher.requested.count == 20)
        #expect(resolution.urls.count == 19)
        #expect(resolution.problems.contains { $0.contains("past 20 not read") })
    }

    @Test func seedingStopsAtItsTimeBudget() async {
        var (resolver, fetcher) = resolver(["http://site.test/s.xml": sitemap("urlset", ["/a"])])
        resolver.maxDuration = .zero
        let resolution = await resolver.resolve([.sitemap(urls: ["http://site.test/s.xml"], limit: nil)])
        #expect(fetcher.requested.isEmpty && resolution.urls.isEmpty)
        #expect(resolution.problems.contains { $0.contains("took longer than") })
    }

    /// Many sitemap seeds share one time budget and one URL cap: each URL's own two minutes, and each component's
    /// `limit`, no longer add up without end.
    @Test func sitemapSeedsShareOneBudgetPerRun() async {
        var answers: [String: ScriptedFetcher.Answer] = [:]
        for site in 0..<6 {
            answers["http://s\(site).test/s.xml"] = sitemap("urlset", (0..<10).map { "/p\($0)" })
        }
        var (resolver, fetcher) = resolver(answers)
        resolver.maxTotalURLs = 25
        let sources = (0..<3).map { pair in
            SeedSource.sitemap(urls: ["http://s\(pair * 2).test/s.xml", "http://s\(pair * 2 + 1).test/s.xml"], limit: 100)
        }
        let capped = await resolver.resolve(sources)
        #expect(capped.urls.count == 25)
        #expect(fetcher.requested.count == 3)

        (resolver, _) = self.resolver(answers)
        resolver.maxTotalDuration = .zero
        let timed = await resolver.resolve(sources)
        #expect(timed.urls.isEmpty)
        #expect(timed.problems.contains { $0.contains("seeding took longer than") })
    }
}
