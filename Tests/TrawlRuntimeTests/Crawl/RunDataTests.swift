import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// What a real crawl leaves behind for `/logs`, `/links` and `/edges`: one log entry per URL per step, every URL
/// touched, and the link graph, read back through the service with filters and keyset positions.
@Suite struct RunDataTests {
    static func site() throws -> FixtureServer {
        try FixtureServer(site: FixtureSite([
            "/robots.txt": .text("User-agent: *\nDisallow: /private\n"),
            "/": .html("<a href=/a>a</a><a href=/private>p</a><a href=/missing>m</a><a href=/old>o</a><a href=http://elsewhere.test/>x</a>"),
            "/a": .html("<a href=/>home</a>"),
            "/old": .redirect(to: "/a"),
            "/private": .html("secret"),
            "/data.txt": .text("plain"),
        ]))
    }

    @Test func theLogHasOneEntryPerURLPerStep() async throws {
        let server = try Self.site()
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let service = await harness.runtime.makeService()
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        var query = RunLogQuery(runID: run.id)
        query.limit = 1_000
        let log = try await service.runLog(query, tenantID: run.tenantID)
        #expect(log.map(\.sequence) == log.map(\.sequence).sorted())
        func entries(_ step: CrawlLogEntry.Step, _ path: String) -> [CrawlLogEntry] {
            log.filter { $0.step == step && $0.url.hasSuffix(path) && !$0.url.contains("elsewhere") }
        }
        // Scheduled once each, whether queued or excluded.
        #expect(entries(.schedule, "/").first?.status == .ok)
        #expect(entries(.schedule, "/a").count == 1)
        let offSite = log.filter { $0.url.contains("elsewhere") }
        #expect(offSite.map(\.step) == [.schedule])
        #expect(offSite.first?.status == .excluded)
        #expect(offSite.first?.reason == "scope")
        #expect(offSite.first?.host == "elsewhere.test")
        // robots.txt refuses at fetch time.
        #expect(entries(.fetch, "/private").first?.status == .excluded)
        #expect(entries(.fetch, "/private").first?.reason == "robots")
        #expect(entries(.parse, "/private").isEmpty)
        // Fetched: status, latency; a 404 is a fetch error with its reason.
        let home = try #require(entries(.fetch, "/").first)
        #expect(home.status == .ok && home.httpStatus == 200 && home.latencyMilliseconds != nil && home.depth == 0)
        let missing = try #require(entries(.fetch, "/missing").first)
        #expect(missing.status == .error && missing.httpStatus == 404 && missing.reason == "http_status")
        #expect(entries(.fetch, "/old").first?.httpStatus == 301)
        // HTML is parsed (the 404 page too: it is HTML); a redirect is not.
        #expect(entries(.parse, "/").first?.status == .ok)
        #expect(entries(.parse, "/a").count == 1)
        #expect(entries(.parse, "/old").isEmpty)

        // Filters and keyset paging.
        var errors = RunLogQuery(runID: run.id)
        errors.statuses = [.error, .excluded]
        errors.steps = [.fetch]
        errors.limit = 100
        #expect(Set(try await service.runLog(errors, tenantID: run.tenantID).compactMap(\.reason)) == ["robots", "http_status"])
        var byReason = RunLogQuery(runID: run.id)
        byReason.reasons = ["scope"]
        #expect(try await service.runLog(byReason, tenantID: run.tenantID).count == 1)
        var byHost = RunLogQuery(runID: run.id)
        byHost.hosts = ["elsewhere.test"]
        #expect(try await service.runLog(byHost, tenantID: run.tenantID).count == 1)
        var paged = RunLogQuery(runID: run.id)
        paged.limit = 3
        var walked: [CrawlLogEntry] = []
        while true {
            let page = try await service.runLog(paged, tenantID: run.tenantID)
            walked += page
            guard page.count == paged.limit, let last = page.last else { break }
            paged.after = last.sequence
        }
        #expect(walked == log)
        await #expect(throws: ServiceError.self) { try await service.runLog(query, tenantID: "someone-else") }
    }

    @Test func linksAndEdgesDescribeTheGraph() async throws {
        let server = try Self.site()
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let service = await harness.runtime.makeService()
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))

        var query = RunLinkQuery(runID: run.id)
        query.limit = 100
        let links = try await service.runLinks(query, tenantID: run.tenantID)
        #expect(links.count == run.progress.discovered)
        // Ordered by the stored (signed) fingerprint column, which the keyset compares the same way.
        let stored = links.map { Int64(bitPattern: $0.fingerprint) }
        #expect(stored == stored.sorted())
        let byPath = Dictionary(uniqueKeysWithValues: links.map { ($0.url, $0) })
        #expect(byPath[server.url("/")]?.state == .fetched)
        #expect(byPath[server.url("/")]?.httpStatus == 200)
        #expect(byPath[server.url("/missing")]?.httpStatus == 404)
        #expect(byPath[server.url("/private")]?.state == .excluded)
        #expect(byPath[server.url("/private")]?.reason == "robots")
        #expect(byPath["http://elsewhere.test/"]?.reason == "scope")
        #expect(byPath[server.url("/a")]?.parentURL == server.url("/"))
        query.states = [.excluded]
        #expect(Set(try await service.runLinks(query, tenantID: run.tenantID).map(\.url)) == [server.url("/private"), "http://elsewhere.test/"])
        var paged = RunLinkQuery(runID: run.id)
        paged.limit = 2
        var walked: [FrontierRecord] = []
        while true {
            let page = try await service.runLinks(paged, tenantID: run.tenantID)
            walked += page
            guard page.count == paged.limit, let last = page.last else { break }
            paged.after = last.fingerprint
        }
        #expect(walked == links)

        let edges = try await service.runEdges(of: run.id, tenantID: run.tenantID, after: nil, limit: 100)
        let pairs = Set(edges.map { "\($0.from) -> \($0.to) (\($0.kind.rawValue))" })
        #expect(pairs.contains("\(server.url("/")) -> \(server.url("/private")) (link)"))
        #expect(pairs.contains("\(server.url("/")) -> http://elsewhere.test/ (link)"))
        #expect(pairs.contains("\(server.url("/old")) -> \(server.url("/a")) (redirect)"))
        #expect(pairs.contains("\(server.url("/a")) -> \(server.url("/")) (link)"))
        #expect(edges.count == 5 + 1 + 1)
        var walkedEdges: [LinkEdge] = []
        var after: EdgePosition?
        while true {
            let page = try await service.runEdges(of: run.id, tenantID: run.tenantID, after: after, limit: 2)
            walkedEdges += page
            guard page.count == 2, let last = page.last else { break }
            after = last.position
        }
        #expect(walkedEdges == edges)
    }
}
