import Foundation
import Logging
import TrawlCore
import TrawlRuntime
import TrawlStore
import TrawlTestSupport

/// A real runtime on a temporary SQLite file, tuned for quick tests (short ticks and retry waits). With
/// `TRAWL_TEST_STORE=postgres` (`scripts/test`'s second runtime pass) the store is a fresh database on the test
/// PostgreSQL server instead, so every runtime test runs on both backends.
struct CrawlHarness {
    let directory: URL
    let runtime: TrawlRuntime

    /// A harness whose pipelines embed with `embedders`: by default the fast word-hash model, so that the real
    /// MiniLM (two cores for seconds) runs only in the tests about it, not under timing-sensitive ones.
    init(maxConcurrentRuns: Int = 4, addressPolicy: AddressPolicy = .allowAll,
         embedders: (any EmbedderProviding)? = WordHashEmbedders(),
         adjust: (inout TrawlRuntime.Configuration) -> Void = { _ in }) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = TrawlRuntime.Configuration(storePath: try await Self.storeLocation(in: directory))
        configuration.maxConcurrentRuns = maxConcurrentRuns
        configuration.tuning.addressPolicy = addressPolicy
        configuration.tuning.tick = .milliseconds(20)
        configuration.tuning.flushInterval = .milliseconds(50)
        configuration.tuning.robotsRetryDelay = .milliseconds(50)
        configuration.tuning.retryBaseDelay = .milliseconds(50)
        configuration.tuning.maxRetryAfter = .seconds(2)
        configuration.pipelineTuning.pollInterval = .milliseconds(20)
        configuration.pipelineTuning.retryBaseDelay = .milliseconds(20)
        configuration.pipelineTuning.maxRetryDelay = .milliseconds(50)
        configuration.pipelineTuning.embedAttempts = 3
        adjust(&configuration)
        var logger = Logger(label: "trawl-test")
        logger.logLevel = .critical
        runtime = try await TrawlRuntime.open(configuration: configuration, logger: logger, embedders: embedders)
    }

    /// A new store for one test: a SQLite file in `directory`, or a fresh PostgreSQL database (left for the throwaway
    /// cluster to take away) when `TRAWL_TEST_STORE=postgres`.
    static func storeLocation(in directory: URL) async throws -> String {
        if ProcessInfo.processInfo.environment["TRAWL_TEST_STORE"] == "postgres" {
            return try await PostgresTestDatabase.create().url
        }
        return directory.appendingPathComponent("trawl.db").path
    }

    /// A manifest crawling `seeds` fast (no delay, wide per-host limits) with extra YAML config lines.
    static func manifest(seeds: [String], config extra: String = "", name: String = "test") -> String {
        """
        name: \(name)
        labels: {suite: engine}
        config:
          seeds:
            - kind: static_list
              params:
                urls: [\(seeds.map { "\"\($0)\"" }.joined(separator: ", "))]
          speed: {kind: fixed, params: {concurrency: 16, per_host_concurrency: 8, delay: 0s, delay_factor: 0, max_delay: 1s}}
          fetcher: {kind: http, params: {timeout: 5s, connect_timeout: 2s, max_retries: 1}}
        \(extra)
        """
    }

    /// Creates a job and run from YAML and crawls it to the end.
    func crawl(_ yaml: String) async throws -> Run {
        let run = try await createRun(yaml)
        return await runtime.engine(for: run).run()
    }

    func createRun(_ yaml: String) async throws -> Run {
        let manifest = try ManifestLoader.parse(yaml, format: .yaml)
        return try await runtime.createJobAndRun(manifest).1
    }

    func pages(_ run: Run) async throws -> [StoredPage] {
        try await runtime.store.pages(of: run.id, after: 0, limit: 100_000)
    }

    func fetchedPaths(_ run: Run) async throws -> [String] {
        try await pages(run).map { try CrawlURL($0.page.url).pathAndQuery }.sorted()
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    /// Whether this process's harnesses put their stores on PostgreSQL (`TRAWL_TEST_STORE=postgres`).
    static var onPostgres: Bool { ProcessInfo.processInfo.environment["TRAWL_TEST_STORE"] == "postgres" }

    /// How many of a run's URLs were settled with each reason, read through the store protocol (any backend).
    func frontierReasonCounts(_ runID: RunID) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        var query = RunLinkQuery(runID: runID)
        query.limit = 1_000
        while true {
            let page = try await runtime.store.links(matching: query)
            for record in page { if let reason = record.reason { counts[reason, default: 0] += 1 } }
            guard page.count == query.limit, let last = page.last else { return counts }
            query.after = last.fingerprint
        }
    }
}
