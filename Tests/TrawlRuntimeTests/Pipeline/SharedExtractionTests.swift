import Foundation
import Logging
import Synchronization
import Testing
import TrawlCore
import TrawlHTML
import TrawlRuntime
import TrawlTestSupport

/// A shared run's pages extracted ahead of its pipeline by helpers on PostgreSQL: the pipeline makes the same documents
/// without extracting those pages again, extracts itself what no helper handed in (never waiting for one), a range whose
/// holder died is taken over, and the dead holder's late results are refused.
@Suite(.serialized, .enabled(if: CrawlHarness.onPostgres))
struct SharedExtractionTests {
    /// The real extractor, counting the pages it extracts.
    final class CountingExtractor: ContentExtracting {
        private let inner = LibXMLContentExtractor()
        private let calls = Mutex(0)
        var count: Int { calls.withLock { $0 } }

        func extract(_ body: [UInt8], declaredCharset: String?, url: String,
                     options: ExtractionOptions) throws(ExtractionError) -> ExtractedContent {
            calls.withLock { $0 += 1 }
            return try inner.extract(body, declaredCharset: declaredCharset, url: url, options: options)
        }
    }

    static let hash: @Sendable (String) -> String = { PayloadDigest.sha256(Array($0.utf8)) }

    /// A shared run of the sea-life site crawled to its end (its pipeline not started), with ranges of five pages.
    static func crawled(_ server: FixtureServer) async throws -> (CrawlHarness, Run) {
        let harness = try await CrawlHarness { $0.shareRuns = true }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              pipelines: [{kind: markdown}, {kind: chunk}]
            """))
        #expect(run.status == .finished)
        return (harness, run)
    }

    static var tuning: PipelineTuning {
        var tuning = PipelineTuning()
        tuning.pagesPerBatch = 5
        tuning.pollInterval = .milliseconds(20)
        return tuning
    }

    /// The run's pipeline, extracting with `extractor`, to its end.
    static func index(_ run: Run, _ harness: CrawlHarness, extractor: CountingExtractor) async -> PipelineProgress {
        var logger = Logger(label: "trawl-test-pipeline")
        logger.logLevel = .critical
        let dependencies = PipelineDependencies(store: harness.runtime.store, extractor: extractor, tokens: WordCounter(),
                                                acquireEmbedder: nil, vectors: VectorIndex(), contentHash: hash,
                                                logger: logger)
        let pipeline = DocumentPipeline(run: run, dependencies: dependencies, tuning: tuning)
        await pipeline.crawlEnded()
        return await pipeline.run()
    }

    func helper(_ harness: CrawlHarness, _ extractor: CountingExtractor) throws -> ExtractionHelper {
        let store = harness.runtime.store
        return ExtractionHelper(store: try #require(store as? any SharedExtractionStore), pages: store, extractor: extractor,
                                tokens: WordCounter(), contentHash: Self.hash, tuning: Self.tuning,
                                logger: Logger(label: "trawl-test-helper"))
    }

    @Test func helpersExtractAheadAndThePipelineMakesTheSameDocumentsWithoutExtractingAgain() async throws {
        let server = try FixtureServer(site: FixtureSite(SharedEmbeddingTests.pages))
        defer { server.stop() }
        // The same site twice: once indexed by its pipeline alone, once with helpers ahead of it.
        let (alone, aloneRun) = try await Self.crawled(server)
        defer { alone.cleanUp() }
        let byItself = CountingExtractor()
        let reference = await Self.index(aloneRun, alone, extractor: byItself)
        #expect(byItself.count == 13 && reference.documents.parsed == 13)

        let (harness, run) = try await Self.crawled(server)
        defer { harness.cleanUp() }
        let helping = CountingExtractor()
        let helper = try helper(harness, helping)
        var steps = 0
        while await helper.step() > 0 { steps += 1 }
        // Helpers start a batch beyond the pipeline's cursor (it takes those pages in itself) and extract the rest, in
        // ranges of five pages (robots.txt and the like, stored wherever the crawl put them, are no documents).
        #expect(steps >= 2)
        #expect(helping.count >= 6 && helping.count < 13)
        let lead = CountingExtractor()
        let progress = await Self.index(run, harness, extractor: lead)
        // Each document extracted once, by a helper or by the pipeline.
        #expect(lead.count == 13 - helping.count)
        #expect(progress.documents.parsed == reference.documents.parsed)
        #expect(progress.chunks.created == reference.chunks.created)
        #expect(progress.textIndexedAt != nil)
        // Page by page, the same documents as the pipeline made alone: title, content digest and chunks.
        func documents(_ harness: CrawlHarness, _ run: Run) async throws -> [String] {
            var query = DocumentQuery(runID: run.id)
            query.limit = 100
            return try await harness.runtime.store.documents(query)
                .map { "\(try CrawlURL($0.url).pathAndQuery) \($0.title ?? "") \($0.contentSHA256) \($0.chunks)" }.sorted()
        }
        #expect(try await documents(harness, run) == documents(alone, aloneRun))
        // Taken in and dropped: nothing waits any more.
        let store = try #require(harness.runtime.store as? any SharedExtractionStore)
        let pages = try await harness.pages(run).map(\.sequence)
        let recipe = PageExtraction.recipe(of: run.config.pipeline, hash: Self.hash)
        #expect(try await store.extractions(of: run.id, pages: pages, recipe: recipe).isEmpty)
        // Search finds what the helpers extracted, as it would the pipeline's own work.
        let service = await harness.runtime.makeService()
        let answer = try await service.search(SearchQuery(tenantID: "default", text: "lamprey"), mode: .text)
        #expect(answer.results.first?.hit.url == server.url("/lamprey"))
    }

    @Test func aDeadHoldersRangeIsTakenOverAndThePipelineNeverWaits() async throws {
        let server = try FixtureServer(site: FixtureSite(SharedEmbeddingTests.pages))
        defer { server.stop() }
        let (harness, run) = try await Self.crawled(server)
        defer { harness.cleanUp() }
        let store = try #require(harness.runtime.store as? any SharedExtractionStore)
        let now = Date()
        // A helper claims the first range and dies; a live one claims the next, not that one.
        let dead = UUID(), live = UUID()
        let first = try #require(try await store.claimPages(of: run.id, holder: dead, pages: 5, now: now,
                                                            until: now.addingTimeInterval(0.5)))
        let second = try #require(try await store.claimPages(of: run.id, holder: live, pages: 5, now: now,
                                                             until: now.addingTimeInterval(60)))
        #expect(second.after == first.through)
        try await Task.sleep(for: .milliseconds(600))
        // Once the claim ran out, the first range is anyone's; the dead holder's late results are refused.
        let helping = CountingExtractor()
        let helper = try helper(harness, helping)
        #expect(await helper.step() == 5)
        #expect((1...5).contains(helping.count))
        let empty: [Int64: PageExtraction.Outcome] = [:]
        #expect(try await store.saveExtractions(empty, recipe: "x", of: first, holder: dead) == false)
        // The second range is never handed in: the pipeline extracts those pages (and the first batch) itself.
        let lead = CountingExtractor()
        let progress = await Self.index(run, harness, extractor: lead)
        #expect(lead.count == 13 - helping.count)
        // Under another recipe (other chunking settings) nothing a helper made is used.
        let stored = try await store.extractions(of: run.id, pages: try await harness.pages(run).map(\.sequence),
                                                 recipe: "another recipe")
        #expect(stored.isEmpty)
        #expect(progress.documents.parsed == 13 && progress.textIndexedAt != nil)
    }
}
