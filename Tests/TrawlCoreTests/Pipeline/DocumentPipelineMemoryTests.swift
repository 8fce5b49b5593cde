import Foundation
import Logging
import Testing
import TrawlCore
import TrawlTestSupport

/// The document pipeline's own logic on an in-memory store, a Markdown stand-in extractor and a word-hash embedder:
/// no database, no libxml2, no model, so each test runs in milliseconds. The runtime's tests run the same pipeline end
/// to end on SQLite and PostgreSQL with the real extractor; these pin down its decisions: what is added, updated,
/// carried forward, failed, embedded and found gone, and what each costs the embedder.
@Suite struct DocumentPipelineMemoryTests {
    static let job = Job(tenantID: "acme", name: "docs", labels: [:],
                         config: CrawlConfig(seeds: [.staticList(urls: ["http://docs.test/"])]),
                         createdAt: Date(), updatedAt: Date())

    static func page(_ path: String, status: Int = 200, body: String) -> PageRecord {
        PageRecord(url: "http://docs.test\(path)", depth: 0, parentURL: nil, fetchedAt: Date(), status: status,
                   contentType: "text/html", title: nil, outlinks: [], redirectTarget: nil, canonicalURL: nil,
                   language: nil, noindex: false, requestHead: Array("GET \(path) HTTP/1.1\r\n\r\n".utf8),
                   responseHead: Array("HTTP/1.1 \(status) X\r\nContent-Type: text/html\r\n\r\n".utf8),
                   body: Array(body.utf8), truncated: false, ipAddress: "127.0.0.1", httpVersion: "1.1",
                   durationMilliseconds: 1, warning: nil)
    }

    /// Stores a finished run of the job with `pages`, its frontier holding `failedURLs` as failed fetches.
    static func crawled(_ pages: [PageRecord], failedURLs: [String] = [], in store: MemoryCrawlStore) async throws -> Run {
        var run = Run(job: job, createdAt: Date())
        try await store.insert(run)
        var batch = RunBatch(runID: run.id)
        batch.pages = pages
        for (index, url) in (pages.map(\.url) + failedURLs).enumerated() {
            batch.discovered.append(FrontierRecord(fingerprint: UInt64(index + 1), url: url, depth: 0, parentURL: nil,
                                                   state: .queued))
            let failed = failedURLs.contains(url)
            batch.settled.append(FrontierSettlement(fingerprint: UInt64(index + 1), state: failed ? .failed : .fetched,
                                                    reason: failed ? "timeout" : nil, httpStatus: failed ? nil : 200))
        }
        run.status = .finished
        run.stopReason = .maxEmptyEvaluations
        batch.run = run
        try await store.commit(batch)
        return run
    }

    /// Runs the pipeline of `run` to its end.
    static func pipeline(_ run: Run, _ store: MemoryCrawlStore, _ embedder: WordHashEmbedder,
                         _ vectors: VectorIndex = VectorIndex(), embedAttempts: Int = 6) async -> PipelineProgress {
        var logger = Logger(label: "trawl-test-pipeline")
        logger.logLevel = .critical
        let dependencies = PipelineDependencies(
            store: store, extractor: MarkdownBodyExtractor(), tokens: WordCounter(),
            acquireEmbedder: { .success(embedder) }, vectors: vectors,
            contentHash: { PayloadDigest.sha256(Array($0.utf8)) }, logger: logger)
        var tuning = PipelineTuning()
        tuning.pollInterval = .milliseconds(5)
        tuning.pagesPerBatch = 2
        tuning.embedAttempts = embedAttempts
        tuning.retryBaseDelay = .milliseconds(1)
        tuning.maxRetryDelay = .milliseconds(2)
        return await DocumentPipeline(run: run, dependencies: dependencies, tuning: tuning).run()
    }

    static let site = [
        page("/", body: "# Home\n\nWelcome to the docs of the parser."),
        page("/install", body: "# Install\n\nRun the installer and check the version."),
        page("/broken", body: "# Broken\n\nunreadable bytes"),
        page("/style.css", status: 404, body: "missing"),
    ]

    @Test func aRunsPagesBecomeIndexedAndEmbeddedDocuments() async throws {
        let store = MemoryCrawlStore(), embedder = WordHashEmbedder(), vectors = VectorIndex()
        let run = try await Self.crawled(Self.site, in: store)
        let progress = await Self.pipeline(run, store, embedder, vectors)

        #expect(progress.documents.seen == 4)
        // The 404 is not a document; the unreadable body is a failed one, with its reason.
        #expect(progress.documents.skipped == 1)
        #expect(progress.documents.adds == 2 && progress.documents.failed == 1 && progress.documents.parseFailed == 1)
        #expect(progress.documents.embedded == 2)
        #expect(progress.chunks.created == 2 && progress.chunks.indexed == 2)
        #expect(progress.textIndexedAt != nil && progress.semanticReadyAt != nil)
        #expect(embedder.embeddedCount == 2)
        // The embedder read each chunk with its page's title before it.
        #expect(embedder.embeddedTexts.contains { $0.hasPrefix("Install") && $0.contains("installer") })
        #expect(vectors.count(model: embedder.model) == 2)
        let documents = await store.documents(of: run.id)
        #expect(documents.map(\.url) == ["http://docs.test/", "http://docs.test/install", "http://docs.test/broken"])
        #expect(documents.map(\.status) == [.embedded, .embedded, .failed])
        // What the pipeline reports is what the store holds, and a second pipeline resumes with nothing to do: later
        // (the store keeps milliseconds), it leaves the run's ready times as they were.
        #expect(try await store.pipelineProgress(of: run.id) == progress)
        try await Task.sleep(for: .milliseconds(5))
        #expect(await Self.pipeline(run, store, embedder) == progress)
        #expect(embedder.embeddedCount == 2)
    }

    @Test func aRecrawlCarriesUnchangedPagesForwardAndEmbedsOnlyWhatChanged() async throws {
        let store = MemoryCrawlStore(), embedder = WordHashEmbedder()
        let first = try await Self.crawled(Self.site, in: store)
        _ = await Self.pipeline(first, store, embedder)
        let embeddedBefore = embedder.embeddedCount

        // The home page as it was; the install page rewritten.
        let vectors = VectorIndex()
        let second = try await Self.crawled([Self.site[0], Self.page("/install", body: "# Install\n\nUse pip instead.")],
                                            in: store)
        let progress = await Self.pipeline(second, store, embedder, vectors)
        #expect(progress.documents.unchanged == 1 && progress.documents.updates == 1 && progress.documents.adds == 0)
        #expect(progress.documents.embedded == 2)
        // Only the changed page went to the embedder; the unchanged one's vector came with it into the index.
        #expect(embedder.embeddedCount == embeddedBefore + 1)
        #expect(embedder.embeddedTexts.last?.contains("pip") == true)
        #expect(vectors.count(model: embedder.model) == 2)
        #expect(await store.documents(of: second.id).map(\.change) == [.unchanged, .update])
    }

    @Test func pagesGoneFromACompleteRecrawlAreDeletedButUnsureOnesAreKept() async throws {
        let store = MemoryCrawlStore(), embedder = WordHashEmbedder()
        let first = try await Self.crawled(Self.site + [Self.page("/faq", body: "# FAQ\n\nQuestions.")], in: store)
        _ = await Self.pipeline(first, store, embedder)

        // The install page now answers 404, the FAQ is no longer linked, and the home page failed to fetch: only
        // the first two are gone; of the home page this run cannot tell.
        let second = try await Self.crawled([Self.page("/install", status: 404, body: "gone")],
                                            failedURLs: ["http://docs.test/"], in: store)
        let progress = await Self.pipeline(second, store, embedder)
        #expect(progress.documents.deletes == 2)
        let documents = await store.documents(of: second.id)
        #expect(Set(documents.map(\.url)) == ["http://docs.test/install", "http://docs.test/faq"])
        #expect(documents.allSatisfy { $0.change == .delete && $0.status == .deleted })

        // A third run sees the home page as the job's live document still, and the deleted ones as absent.
        let third = try await Self.crawled([], in: store)
        let previous = try await store.previousDocuments(jobID: Self.job.id, urls: Self.site.map(\.url) + ["http://docs.test/faq"],
                                                         excluding: third.id)
        #expect(Set(previous.keys) == ["http://docs.test/"])
    }

    /// The parts of a shared run hear that it finished a beat after it did, and write what they fetched meanwhile:
    /// the text index is not called done while a part may still write, and takes the late pages in. (Before, it was
    /// done at the first empty read after `finished`, and a late part's pages were never indexed.)
    @Test func pagesAPartWritesAfterTheFinishAreIndexed() async throws {
        let store = MemoryCrawlStore(), embedder = WordHashEmbedder()
        let run = try await Self.crawled([Self.site[0]], in: store)
        await store.setLiveWriters(1, of: run.id)
        let pipeline = Task { await Self.pipeline(run, store, embedder) }
        // Until the first page is in and the pipeline has read past it (and found the run finished), then a while.
        var progress = try await store.pipelineProgress(of: run.id)
        for _ in 0..<1_000 where progress.documents.adds < 1 {
            try await Task.sleep(for: .milliseconds(10))
            progress = try await store.pipelineProgress(of: run.id)
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await store.pipelineProgress(of: run.id).textIndexedAt == nil)
        var late = RunBatch(runID: run.id)
        late.pages = [Self.site[1]]
        try await store.commit(late)
        await store.setLiveWriters(0, of: run.id)
        let final = await pipeline.value
        #expect(final.documents.adds == 2 && final.textIndexedAt != nil)
    }

    /// A run whose pages make no document ends its text with the embed step begun: a pipeline stopped before it ends
    /// that step (a shutdown) leaves one the sweep finds unfinished. Before, the step was begun only by a batch with
    /// documents, and stayed `pending` on the finished run for good. The embedder is held back here, so the text's
    /// end is seen before the embed step's.
    @Test func theEmbedStepBeginsWithTheTextsEndEvenWithNothingToEmbed() async throws {
        let store = MemoryCrawlStore(), embedder = WordHashEmbedder()
        let run = try await Self.crawled([Self.page("/gone", status: 404, body: "missing")], in: store)
        let gate = AsyncStream<Void>.makeStream()
        var logger = Logger(label: "trawl-test-pipeline")
        logger.logLevel = .critical
        let dependencies = PipelineDependencies(
            store: store, extractor: MarkdownBodyExtractor(), tokens: WordCounter(),
            acquireEmbedder: {
                for await _ in gate.stream { break }
                return .success(embedder)
            }, vectors: VectorIndex(), contentHash: { PayloadDigest.sha256(Array($0.utf8)) }, logger: logger)
        var tuning = PipelineTuning()
        tuning.pollInterval = .milliseconds(5)
        let pipeline = Task { await DocumentPipeline(run: run, dependencies: dependencies, tuning: tuning).run() }
        var progress = try await store.pipelineProgress(of: run.id)
        for _ in 0..<1_000 where progress.textIndexedAt == nil {
            try await Task.sleep(for: .milliseconds(10))
            progress = try await store.pipelineProgress(of: run.id)
        }
        #expect(progress.textIndexedAt != nil)
        #expect(progress.stages[.embed]?.startedAt != nil)
        gate.continuation.finish()
        let final = await pipeline.value
        #expect(final.stages[.embed]?.finishedAt != nil)
    }

    @Test func anEmbedderThatRefusesAnInputFailsOnlyThatDocument() async throws {
        let store = MemoryCrawlStore(), embedder = WordHashEmbedder()
        embedder.refuse(textsContaining: "installer")
        let run = try await Self.crawled(Array(Self.site.prefix(2)), in: store)
        let progress = await Self.pipeline(run, store, embedder, embedAttempts: 2)
        #expect(progress.documents.adds == 2)
        #expect(progress.documents.embedded == 1 && progress.documents.failed == 1)
        #expect(await store.documents(of: run.id).map(\.status) == [.embedded, .failed])
        #expect(try await store.pendingChunks(of: run.id, limit: 10).isEmpty)
    }
}
