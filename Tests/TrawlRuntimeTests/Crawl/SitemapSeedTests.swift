import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// Sitemap seeds: indexes, gzip, robots.txt `Sitemap:` lines, limits.
@Suite struct SitemapSeedTests {
    static func urlset(_ paths: [String], host: String) -> String {
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            + paths.map { "<url><loc>http://\(host)\($0)</loc></url>" }.joined() + "</urlset>"
    }

    static func server() throws -> FixtureServer {
        try FixtureServer { request in
            let host = request.header("Host") ?? "127.0.0.1"
            switch request.path {
            case "/robots.txt":
                return .text("User-agent: *\nDisallow: /blocked\nSitemap: http://\(host)/maps/index.xml\n")
            case "/maps/index.xml":
                return .bytes(Array("""
                    <?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                    <sitemap><loc>http://\(host)/maps/a.xml.gz</loc></sitemap>
                    <sitemap><loc>http://\(host)/maps/b.xml</loc></sitemap></sitemapindex>
                    """.utf8), contentType: "application/xml")
            case "/maps/a.xml.gz":
                let xml = urlset(["/a1", "/a2", "/blocked"], host: host)
                return .bytes(FixtureSite.gzip(Array(xml.utf8)), contentType: "application/gzip")
            case "/maps/b.xml":
                return .bytes(Array(urlset(["/b1", "/b2"], host: host).utf8), contentType: "application/xml")
            default:
                return .html("<title>\(request.path)</title><a href=/linked>linked</a>")
            }
        }
    }

    func crawl(_ server: FixtureServer, sitemap: String, extra: String = "") async throws -> (Run, [String], CrawlHarness) {
        let harness = try await CrawlHarness()
        let yaml = """
            name: sitemap
            config:
              seeds:
                - {kind: sitemap, params: {urls: ["\(sitemap)"]\(extra)}}
              stopping_criteria: [{kind: max_depth, params: {max_depth: 0}}]
              speed: {kind: fixed, params: {concurrency: 8, per_host_concurrency: 8, delay: 0s, delay_factor: 0}}
            """
        let run = try await harness.crawl(yaml)
        return (run, try await harness.fetchedPaths(run), harness)
    }

    @Test func anIndexOfPlainAndGzippedSitemapsSeedsTheCrawl() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let (run, paths, harness) = try await crawl(server, sitemap: server.url("/maps/index.xml"))
        defer { harness.cleanUp() }
        #expect(paths == ["/a1", "/a2", "/b1", "/b2"])
        #expect(run.stopReason == .maxDepth)
        #expect(run.progress.excluded == 1)  // /blocked, by robots.txt
    }

    @Test func aSiteURLUsesTheSitemapsItsRobotsTxtLists() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let (_, paths, harness) = try await crawl(server, sitemap: server.url("/"))
        defer { harness.cleanUp() }
        #expect(paths == ["/a1", "/a2", "/b1", "/b2"])
    }

    @Test func theLimitCapsSitemapURLs() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let (_, paths, harness) = try await crawl(server, sitemap: server.url("/maps/index.xml"), extra: ", limit: 2")
        defer { harness.cleanUp() }
        #expect(paths == ["/a1", "/a2"])
    }

    @Test func anUnreachableSitemapEndsWithEmptySeed() async throws {
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl("""
            name: nothing
            config:
              seeds: [{kind: sitemap, params: {urls: ["http://127.0.0.1:9/sitemap.xml"]}}]
            """)
        #expect(run.stopReason == .emptySeed)
    }
}
