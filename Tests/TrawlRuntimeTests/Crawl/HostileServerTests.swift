import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// Servers that misbehave must neither hang nor crash a crawl: each problem ends as a recorded outcome.
@Suite struct HostileServerTests {
    static func fixture(_ pages: [String: FixtureResponse]) throws -> FixtureServer {
        var site = FixtureSite(pages)
        let links = pages.keys.filter { $0 != "/" }.sorted().map { "<a href=\"\($0)\">\($0)</a>" }.joined()
        site["/"] = .html("<title>index</title>\(links)")
        return try FixtureServer(site: site)
    }

    func crawl(_ server: FixtureServer, config: String = "") async throws -> (Run, [StoredPage], CrawlHarness) {
        let harness = try await CrawlHarness()
        let yaml = CrawlHarness.manifest(seeds: [server.url("/")], config: config)
            .replacingOccurrences(of: "timeout: 5s", with: "timeout: 1500ms, max_body_bytes: 64KiB")
        let run = try await harness.crawl(yaml)
        return (run, try await harness.pages(run), harness)
    }

    @Test func hugeBodiesAreCutAtTheCapAndMarked() async throws {
        let server = try Self.fixture(["/huge": .html(String(repeating: "<p>lots of text</p>", count: 50_000))])
        defer { server.stop() }
        let (run, pages, harness) = try await crawl(server)
        defer { harness.cleanUp() }
        let huge = try #require(pages.first { $0.page.url.hasSuffix("/huge") })
        #expect(huge.page.truncated)
        #expect(huge.page.warning == "too_large")
        #expect(huge.page.body.count == 64 << 10)
        #expect(run.progress.fetched == 2)
    }

    @Test func gzipBombsAreCutAtTheCapOfDecodedBytes() async throws {
        let bomb = FixtureResponse.html(String(repeating: "\0", count: 20 << 20)).gzipped()
        #expect(bomb.body.count < 100_000)
        let server = try Self.fixture(["/bomb": bomb])
        defer { server.stop() }
        let (_, pages, harness) = try await crawl(server)
        defer { harness.cleanUp() }
        let page = try #require(pages.first { $0.page.url.hasSuffix("/bomb") })
        #expect(page.page.truncated)
        #expect(page.page.body.count == 64 << 10)
    }

    @Test func slowDripAndHangingServersTimeOut() async throws {
        var drip = FixtureResponse.html(String(repeating: "x", count: 10_000))
        drip.behavior = .drip(bytesPerChunk: 10, interval: .milliseconds(100))
        var hang = FixtureResponse.html("never")
        hang.behavior = .hang
        let server = try Self.fixture(["/drip": drip, "/hang": hang])
        defer { server.stop() }
        let started = Date()
        let (run, _, harness) = try await crawl(server)
        defer { harness.cleanUp() }
        // The drip alone would take 100 s and the hang forever; the bound leaves room for a loaded machine.
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(run.progress.failed == 2)
        #expect(run.progress.fetched == 1)
        // One retry each (max_retries: 1). The server logs a request once it has read it, which on a loaded
        // machine can come after the client's timeout closed the connection, so it may see one attempt or two,
        // never more (the Retry-After test below counts retries exactly).
        for _ in 0..<200 where server.requestCount(path: "/hang") < 2 { try await Task.sleep(for: .milliseconds(25)) }
        #expect((1...2).contains(server.requestCount(path: "/hang")))
        #expect(try await harness.frontierReasonCounts(run.id)["timeout"] == 2)
    }

    @Test func resetConnectionsAndLyingLengthsAreRecordedFailures() async throws {
        var reset = FixtureResponse.html("x")
        reset.behavior = .reset
        var liar = FixtureResponse.html(String(repeating: "y", count: 100))
        liar.behavior = .lyingLength(10_000)
        let server = try Self.fixture(["/reset": reset, "/liar": liar])
        defer { server.stop() }
        let (run, _, harness) = try await crawl(server)
        defer { harness.cleanUp() }
        #expect(run.progress.failed == 2)
        let reasons = try await harness.frontierReasonCounts(run.id)
        #expect(reasons["connection_reset"] == 2)
    }

    @Test func endlessBodiesAreCut() async throws {
        var endless = FixtureResponse.html("")
        endless.behavior = .endless(chunk: Array(String(repeating: "<p>more</p>", count: 100).utf8))
        let server = try Self.fixture(["/endless": endless])
        defer { server.stop() }
        let (run, pages, harness) = try await crawl(server)
        defer { harness.cleanUp() }
        #expect(pages.first { $0.page.url.hasSuffix("/endless") }?.page.truncated == true)
        #expect(run.stopReason == .maxEmptyEvaluations)
    }

    @Test func malformedAndBinaryHTMLDoesNotStopTheCrawl() async throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<50_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let server = try Self.fixture([
            "/garbage": .bytes(garbage, contentType: "text/html"),
            "/broken": .html("<html><body><div><a href='/ok'>unclosed <p><table><tr><td><a href=/ok2>x</b></i></html></html><<<"),
            "/ok": .html("ok"), "/ok2": .html("ok2"),
        ])
        defer { server.stop() }
        let (run, _, harness) = try await crawl(server)
        defer { harness.cleanUp() }
        #expect(run.progress.fetched == 5)
        #expect(run.stopReason == .maxEmptyEvaluations)
    }

    @Test func crawlerTrapsAreExcluded() async throws {
        let server = try FixtureServer { request in
            // Every page links one level deeper with the same segment: /x/x/x/… for ever.
            .html("<a href=\"\(request.path.hasSuffix("/") ? request.path : request.path + "/")x/\">deeper</a>")
        }
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(run.stopReason == .maxEmptyEvaluations)
        #expect(run.progress.fetched == 3)  // /, /x/, /x/x/ — /x/x/x/ is a trap
        #expect(try await harness.frontierReasonCounts(run.id)["repeated_segments"] == 1)
    }

    /// `Retry-After` is digits or an HTTP date (RFC 9110); `inf`, `1e300` and numbers past `Int64` once ended the
    /// process. Unreadable values fall back to the crawl's own backoff; huge digits wait the capped maximum.
    @Test func anyRetryAfterIsReadSafely() async throws {
        let attempts = Counter()
        let server = try FixtureServer { request in
            guard request.path.hasPrefix("/flaky") else {
                return .html("<a href=/flaky-inf>f</a><a href=/flaky-exp>f</a><a href=/flaky-huge>f</a>")
            }
            let value = ["/flaky-inf": "inf", "/flaky-exp": "1e300", "/flaky-huge": "99999999999999999999999"][request.path]!
            return attempts.next() <= 3 ? .status(503, headers: [("Retry-After", value)]) : .html("finally")
        }
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(run.status == .finished)
        #expect(server.requests.filter { $0.path.hasPrefix("/flaky") }.count >= 4)
        #expect(run.progress.processed == 4)
    }

    @Test func retriesHonourRetryAfterAndSucceed() async throws {
        let attempts = Counter()
        let server = try FixtureServer { request in
            guard request.path == "/flaky" else { return .html("<a href=/flaky>f</a>") }
            return attempts.next() == 1 ? .status(503, headers: [("Retry-After", "1")]) : .html("finally")
        }
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        let flaky = server.requests.filter { $0.path == "/flaky" }
        #expect(flaky.count == 2)
        #expect(flaky[1].receivedAt.timeIntervalSince(flaky[0].receivedAt) >= 0.95)
        #expect(run.progress.httpStatus["200"] == 2)
        #expect(run.progress.failed == 0)
    }

    @Test func unreachableHostsFailWithAConnectError() async throws {
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        // Port 9 (discard) is closed on loopback: connection refused.
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: ["http://127.0.0.1:9/"], config: """
              policies: [{kind: robots_txt, params: {obey: false}}]
            """))
        #expect(run.progress.failed == 1)
        #expect(try await harness.frontierReasonCounts(run.id)["connect"] == 1)
    }
}

/// A thread-safe counter for fixture handlers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int { lock.withLock { value += 1; return value } }
}

extension HostileServerTests {
    @Test func anAddressPolicyKeepsTheCrawlOffPrivateNetworks() async throws {
        let server = try FixtureServer(site: FixtureSite(["/": .html("<a href=/a>a</a>"), "/a": .html("a")]))
        defer { server.stop() }
        let harness = try await CrawlHarness(addressPolicy: .publicOnly)
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(run.stopReason == .emptySeed)
        #expect(server.requests.isEmpty)
        #expect(try await harness.frontierReasonCounts(run.id)["blocked_address"] == 1)

        let ignoringRobots = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              policies: [{kind: robots_txt, params: {obey: false}}]
            """))
        #expect(ignoringRobots.progress.failed == 1)
        #expect(server.requests.isEmpty)
        #expect(try await harness.frontierReasonCounts(ignoringRobots.id)["blocked_address"] == 1)
    }
}
