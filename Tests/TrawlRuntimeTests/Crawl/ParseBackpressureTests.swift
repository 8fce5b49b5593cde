import Foundation
import Synchronization
import Testing
import TrawlCore
import TrawlTestSupport

/// Fetching waits for parsing: a crawl that fetches faster than its parse threads keep up holds a bounded number of
/// fetched bodies, not every page it could fetch meanwhile (1.4 GB peak RSS on the 100k-page benchmark before).
struct ParseBackpressureTests {
    /// A parser that holds every page until it is opened, counting how many it was given.
    final class GatedParser: HTMLParsing, @unchecked Sendable {
        let inner: any HTMLParsing
        private let open = Mutex(false)
        private let started = Mutex(0)

        init(_ inner: any HTMLParsing) { self.inner = inner }

        var parsesStarted: Int { started.withLock { $0 } }
        func release() { open.withLock { $0 = true } }

        func parse(_ body: [UInt8], declaredCharset: String?, productToken: String, extractText: Bool) -> ParsedHTML {
            started.withLock { $0 += 1 }
            while !open.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.005) }
            return inner.parse(body, declaredCharset: declaredCharset, productToken: productToken, extractText: extractText)
        }
    }

    @Test func fetchesStopWhileParsesAreBackedUp() async throws {
        // 200 seeds, known without parsing anything: without backpressure all of them are fetched while the parser
        // is held.
        let server = try FixtureServer(handler: { _ in .html("<title>leaf</title><p>nothing to follow</p>") })
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let seeds = (0..<200).map { server.url("/p/\($0)") }
        let run = try await harness.createRun(CrawlHarness.manifest(seeds: seeds))
        var dependencies = harness.runtime.dependencies
        let gate = GatedParser(dependencies.htmlParser)
        dependencies.htmlParser = gate
        var tuning = harness.runtime.configuration.tuning
        tuning.maxParsesWaiting = 6
        let crawl = Task { await CrawlEngine(run: run, dependencies: dependencies, tuning: tuning).run() }

        // Held parses stop new fetches: at most the waiting allowance plus what was in flight when it filled
        // (the manifest's concurrency, 16).
        // Wait for the allowance to fill (a loaded machine starts slowly), then give fetching time to run on if it could.
        let fetched = { server.requests.filter { $0.path.hasPrefix("/p/") }.count }
        _ = try await waitUntil("the parse allowance to fill", within: .seconds(30)) { fetched() } until: { $0 >= 6 }
        try await Task.sleep(for: .seconds(1))
        let whileHeld = fetched()
        #expect(whileHeld <= 6 + 16, "\(whileHeld) pages fetched while parsing was held")
        gate.release()
        let finished = await crawl.value
        #expect(finished.progress.fetched == 200)
        #expect(gate.parsesStarted == 200)
    }
}
