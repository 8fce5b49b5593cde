import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// Every stop reason, end to end: a real fixture server, the real fetcher and parser, a real SQLite store.
@Suite struct StopReasonTests {
    @Test func maxDepthFetchesExactlyThePagesWithinTheDepth() async throws {
        let server = try FixtureServer(handler: Sites.tree(depth: 4, fanout: 3))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              stopping_criteria: [{kind: max_depth, params: {max_depth: 2}}]
            """))
        #expect(run.status == .finished)
        #expect(run.stopReason == .maxDepth)
        let paths = try await harness.fetchedPaths(run)
        #expect(paths.count == Sites.treeSize(depth: 2, fanout: 3))
        #expect(paths.allSatisfy { $0 == "/" || $0.split(separator: "/").count <= 3 })
        #expect(run.progress.depthReached == 2)
        #expect(server.requests.filter { $0.path.split(separator: "/").count > 3 }.isEmpty)
    }

    @Test func maxURLsProcessesExactlyN() async throws {
        let server = try FixtureServer(handler: Sites.tree(depth: 3, fanout: 5))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              stopping_criteria: [{kind: max_urls, params: {max_urls: 17}}]
            """))
        #expect(run.stopReason == .maxURLs)
        #expect(run.progress.processed == 17)
        #expect(try await harness.pages(run).count == 17)
        #expect(server.requests.filter { $0.path != "/robots.txt" }.count == 17)
    }

    @Test func aFiniteSiteEndsWithMaxEmptyEvaluations() async throws {
        let server = try FixtureServer(handler: Sites.tree(depth: 2, fanout: 4))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(run.stopReason == .maxEmptyEvaluations)
        #expect(run.progress.fetched == Sites.treeSize(depth: 2, fanout: 4))
        #expect(run.progress.emptyEvaluations >= 10)
        #expect(run.progress.queued == 0 && run.progress.inFlight == 0)
    }

    @Test func seedsAllFilteredOutEndWithEmptySeed() async throws {
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: ["http://127.0.0.1:9/private/x"], config: """
              filters: [{kind: regex_patterns, params: {deny: ["/private/"], allow: [], default_allow: true}}]
            """))
        #expect(run.stopReason == .emptySeed)
        #expect(run.progress.processed == 0)
        #expect(run.progress.excluded == 1)
    }

    @Test func seedsAllDisallowedByRobotsEndWithEmptySeed() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/robots.txt": .text("User-agent: *\nDisallow: /\n"),
            "/": .html("<a href=/a>a</a>"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(run.stopReason == .emptySeed)
        #expect(server.requestCount(path: "/") == 0)
        #expect(server.requestCount(path: "/robots.txt") == 1)
    }

    @Test func maxAgeStopsALongCrawl() async throws {
        // Every page but the first is slow and links to a new one: the crawl would go on for ever.
        let server = try FixtureServer { request in
            let n = Int(request.path.dropFirst(3)) ?? 0
            guard request.path.hasPrefix("/p/") || request.path == "/" else { return .notFound }
            var response = FixtureResponse.html("<a href=/p/\(n + 1)>next</a><a href=/p/\(n + 1000)>other</a>")
            if request.path != "/" { response.behavior = .drip(bytesPerChunk: 64, interval: .milliseconds(50)) }
            return response
        }
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              stopping_criteria: [{kind: max_age, params: {max_age: 6s}}]
            """))
        #expect(run.stopReason == .maxAge)
        // The run's own clock, not the test's: a loaded machine may delay the test's start, not the rule. (6 s: on a
        // loaded CI machine the first page's parse, on niced threads, once finished after 2; and on PostgreSQL, with
        // every other test of the pass opening its own database at the same time, no page was in after 3.)
        let age = try #require(run.finishedAt).timeIntervalSince(try #require(run.startedAt))
        #expect(age >= 5.9 && age < 20, "the run lasted \(age) s")
        #expect(run.progress.fetched > 0)
    }

    @Test func manualStopKeepsWhatWasFetched() async throws {
        let server = try FixtureServer { request in
            let n = Int(request.path.dropFirst(3)) ?? 0
            var response = FixtureResponse.html("<a href=/p/\(n + 1)>next</a>")
            response.behavior = .drip(bytesPerChunk: 16, interval: .milliseconds(20))
            return response
        }
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.createRun(CrawlHarness.manifest(seeds: [server.url("/")]))
        let engine = harness.runtime.engine(for: run)
        let store = harness.runtime.store
        Task {
            // Stop once something was fetched and written (polling, so a loaded machine cannot make this flaky).
            for _ in 0..<400 {
                if let run = try await store.run(run.id), run.progress.fetched >= 2 { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            engine.stop()
        }
        let finished = await engine.run()
        #expect(finished.stopReason == .manual)
        #expect(finished.progress.fetched > 0)
        #expect(try await harness.pages(finished).count == finished.progress.fetched)
        let stored = try await harness.runtime.store.run(run.id)
        #expect(stored?.status == .finished && stored?.stopReason == .manual)
    }
}

extension StopReasonTests {
    @Test func aFrontierLargerThanMaxQueueSizeSpillsToDiskAndComesBack() async throws {
        let server = try FixtureServer(handler: Sites.tree(depth: 3, fanout: 6))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              max_queue_size: 100
            """))
        #expect(run.stopReason == .maxEmptyEvaluations)
        #expect(run.progress.fetched == Sites.treeSize(depth: 3, fanout: 6))
        let counts = Dictionary(grouping: server.requests.filter { $0.path != "/robots.txt" }, by: \.target).mapValues(\.count)
        #expect(counts.values.allSatisfy { $0 == 1 })
    }
}
