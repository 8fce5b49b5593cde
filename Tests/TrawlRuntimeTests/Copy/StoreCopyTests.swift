import Foundation
import Logging
import Testing
import TrawlCore
@testable import TrawlRuntime
import TrawlTestSupport

/// `StoreCopy`: a SQLite store crawled and indexed for real, copied into a fresh PostgreSQL database, reads back the
/// same through every store protocol and answers searches the same.
@Suite struct StoreCopyTests {
    static var postgres: Bool { StoreBackend.available.contains(.postgres) }

    static var logger: Logger {
        var logger = Logger(label: "trawl-test-copy")
        logger.logLevel = .critical
        return logger
    }

    /// A harness on a SQLite file in `directory`, whatever store the other runtime tests use.
    static func sqliteHarness(in directory: URL, embedders: WordHashEmbedders) async throws -> CrawlHarness {
        let path = directory.appendingPathComponent("source.db").path
        return try await CrawlHarness(embedders: embedders) { $0.storePath = path }
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test(.enabled(if: postgres)) func aCrawledStoreReadsBackTheSameOnPostgres() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let embedders = WordHashEmbedders()
        let harness = try await Self.sqliteHarness(in: directory, embedders: embedders)
        defer { harness.cleanUp() }

        // Two runs of one job: the second carries documents forward and points back at the first's pages.
        let service = await harness.runtime.makeService()
        try await service.start()
        let (job, created) = try await service.createJob(
            JobDraft(name: "docs", config: DocumentPipelineTests.config(server)), tenantID: "acme", startRun: true)
        let first = try await DocumentPipelineTests.settled(service, try #require(created).id)
        #expect(first.pipeline.chunks.embedded > 0)
        let second = try await DocumentPipelineTests.settled(
            service, try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme").id)

        // Plain content words: PostgreSQL stems with Snowball's English stemmer and FTS5 with Porter's, so what is
        // compared here is the copy, on words both stem alike.
        let queries = ["install packages apt debian", "politeness delay latency", "web crawler archives"]
        var answers: [String: [SearchMode: [SearchHit]]] = [:]
        for text in queries {
            for mode in [SearchMode.text, .semantic] {
                var query = SearchQuery(tenantID: "acme", text: text)
                query.limit = 20
                answers[text, default: [:]][mode] = try await service.search(query, mode: mode).results.map(\.hit)
            }
        }
        await service.shutdown()

        let store = harness.runtime.store
        let now = Timestamp.now()
        var trigger = Trigger(tenantID: "acme", jobID: job.id, name: "after each run",
                              condition: .onFinish(delay: .seconds(60), watchedJobID: nil), enabled: true,
                              nextFireAt: now.addingTimeInterval(86_400), createdAt: now, updatedAt: now)
        try await store.insertTrigger(trigger)
        try await store.record(TriggerExecution(triggerID: trigger.id, tenantID: "acme", jobID: job.id, status: .started,
                                                runID: second.id, reason: nil, scheduledFor: now, createdAt: now),
                               firing: trigger)
        trigger = try #require(try await store.trigger(trigger.id, tenantID: "acme"))
        let source = try await StoreSnapshot.read(store, tenantID: "acme")
        #expect(source.runs.count == 2 && source.triggers.count == 1 && source.executions[trigger.id]?.count == 1)
        #expect(source.chunks.values.joined().contains { $0.embedding?.isEmpty == false })
        // The second run's unchanged pages are revisits pointing at the first run's rows (`payload_seq`).
        #expect(source.pages[second.id]?.contains { $0.page.revisit != nil } == true)

        let database = try await PostgresTestDatabase.create()
        let counts = try await StoreCopy.copy(from: directory.appendingPathComponent("source.db").path,
                                              to: database.url, logger: Self.logger)
        #expect(counts.map(\.table) == StoreTable.allCases)
        #expect(counts.first { $0.table == .runs }?.rows == 2)
        #expect(counts.first { $0.table == .triggerExecutions }?.rows == 1)
        #expect(counts.first { $0.table == .pages }?.rows == source.pages.values.joined().count)
        #expect(counts.first { $0.table == .chunks }?.rows == source.chunks.values.joined().count)

        let copied = try await TrawlRuntime.open(configuration: .init(storePath: database.url), logger: Self.logger,
                                                 embedders: embedders)
        let target = try await StoreSnapshot.read(copied.store, tenantID: "acme")
        #expect(target.jobs == source.jobs)
        #expect(target.runs == source.runs)
        #expect(target.pages == source.pages)
        #expect(target.payloads == source.payloads)
        #expect(target.frontier == source.frontier)
        #expect(target.log == source.log)
        #expect(target.documents == source.documents)
        #expect(target.chunks == source.chunks)
        #expect(target.triggers == source.triggers)
        #expect(target.executions == source.executions)

        // The same hits by the same chunk IDs. Text ranking is each store's own BM25, so order may differ on ties.
        let searching = await copied.makeService()
        try await searching.start()
        for text in queries {
            var query = SearchQuery(tenantID: "acme", text: text)
            query.limit = 20
            let textHits = try await searching.search(query, mode: .text).results.map(\.hit)
            let expectedText = answers[text]?[.text] ?? []
            #expect(!expectedText.isEmpty)
            #expect(Set(textHits.map(\.chunkID)) == Set(expectedText.map(\.chunkID)), "\(text)")
            let semanticHits = try await searching.search(query, mode: .semantic).results.map(\.hit)
            let expectedSemantic = answers[text]?[.semantic] ?? []
            #expect(!expectedSemantic.isEmpty)
            #expect(semanticHits.map(\.chunkID) == expectedSemantic.map(\.chunkID), "\(text)")
        }

        // New rows continue after the copied keys: another run of the job gets a key and pages of its own.
        let third = try await DocumentPipelineTests.settled(
            searching, try await searching.createRun(jobID: job.id, runID: nil, tenantID: "acme").id)
        let thirdPages = try await copied.store.pages(of: third.id, after: 0, limit: 1_000)
        let copiedMax = source.pages.values.joined().map(\.sequence).max() ?? 0
        #expect(!thirdPages.isEmpty && thirdPages.allSatisfy { $0.sequence > copiedMax })
        await searching.shutdown()
        await database.drop()

        // Again a row at a time: every table spans many batches, each read after the last one's position.
        let rowByRow = try await PostgresTestDatabase.create()
        _ = try await StoreCopy.copy(from: directory.appendingPathComponent("source.db").path, to: rowByRow.url,
                                     logger: Self.logger, batchSize: { _ in 1 }, onTable: { _ in })
        let again = try await TrawlRuntime.open(configuration: .init(storePath: rowByRow.url), logger: Self.logger,
                                                embedders: embedders)
        #expect(try await StoreSnapshot.read(again.store, tenantID: "acme") == source)
        await rowByRow.drop()
    }

    @Test(.enabled(if: postgres)) func aDatabaseHoldingJobsIsRefused() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await Self.sqliteHarness(in: directory, embedders: WordHashEmbedders())
        defer { harness.cleanUp() }
        _ = try await harness.createRun(CrawlHarness.manifest(seeds: ["http://127.0.0.1:9/"]))

        let database = try await PostgresTestDatabase.create()
        let occupied = try await TrawlRuntime.open(configuration: .init(storePath: database.url), logger: Self.logger,
                                                   embedders: WordHashEmbedders())
        let (job, run) = try await occupied.createJobAndRun(
            try ManifestLoader.parse(CrawlHarness.manifest(seeds: ["http://127.0.0.1:9/"], name: "kept"), format: .yaml))

        let error = await #expect(throws: StoreError.self) {
            _ = try await StoreCopy.copy(from: directory.appendingPathComponent("source.db").path, to: database.url,
                                         logger: Self.logger)
        }
        #expect(error?.kind == .conflict)
        #expect(error?.message.contains("already holds jobs") == true)
        #expect(error?.message.contains("trawl-test") == false)  // the URL's password
        // Nothing was written.
        var jobs = JobQuery(tenantID: "default")
        jobs.limit = 10
        #expect(try await occupied.store.jobs(matching: jobs) == [job])
        #expect(try await occupied.store.run(run.id) == run)
        await database.drop()
    }

    @Test func onlySQLiteToPostgresIsCopied() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.db").path
        let cases: [(String, String, String)] = [
            (missing, "postgres://trawl:secret@127.0.0.1:9/trawl", "there is no store at"),
            ("postgres://trawl:secret@127.0.0.1:9/trawl", missing, "the source must be a SQLite file"),
            (missing, directory.appendingPathComponent("other.db").path, "the target must be a postgres:// database"),
            (missing, "mysql://trawl:secret@127.0.0.1/trawl", "'mysql' store scheme is not supported"),
        ]
        for (from, to, expected) in cases {
            let error = await #expect(throws: StoreError.self) {
                _ = try await StoreCopy.copy(from: from, to: to, logger: Self.logger)
            }
            #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("secret") == false)
        }
        // A mistyped source is not created as an empty store.
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
