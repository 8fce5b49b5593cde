import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// `MemoryCrawlStore`'s document tables, the pipeline's fast test store, give the answers every real backend gives to
/// one script of pipeline calls: documents with chunks, an empty and a failed one, vectors saved in two batches, an
/// embedding failure, a re-crawl that copies a document and finds another gone, and what a third run sees as the
/// job's live documents. Were it to drift from the adapters, the pipeline tests on it would test a store nobody ships.
@Suite struct MemoryDocumentStoreContractTests {
    typealias Store = any CrawlLog & PipelineStore & VectorStore

    /// What a store answered, with store-wide IDs left out (each store numbers its rows its own way).
    struct Answers: Equatable {
        var progress: [PipelineProgress] = []
        var pending: [[String]] = []
        var vectors: [[Float]] = []
        var runVectors: [[Float]] = []
        var previous: [[String: PreviousDocument]] = []
        var copied: [[Float]] = []
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000.125)
    static let model = "all-MiniLM-L6-v2"

    static func url(_ path: String) -> String { "https://example.com\(path)" }

    static func chunks(_ texts: String...) -> [Chunk] {
        texts.enumerated().map { index, text in
            Chunk(index: index, text: text, headingPath: ["Guide"], start: 0, end: text.count, tokenCount: 2,
                  embeddingText: "Guide › \(text)")
        }
    }

    static func write(_ path: String, _ sequence: Int64, _ content: DocumentWrite.Content,
                      change: DocumentWrite.Change = .add) -> DocumentWrite {
        var write = DocumentWrite(pageSequence: sequence, url: url(path), title: "T\(path)", language: "en",
                                  canonicalURL: nil, contentSHA256: "sha\(path)", change: change, content: content)
        write.payloadSHA256 = "payload\(path)"
        write.recipe = "r1"
        return write
    }

    /// Stores a run of `job` whose frontier settled `fetched` and `failed`, with a page for each fetched URL; returns
    /// the run and its pages' sequences by path.
    static func crawled(_ store: Store, job: Job, fetched: [String], failed: [String] = [], minutes: Double,
                        insert: (Run) async throws -> Void) async throws -> (Run, [String: Int64]) {
        let run = Run(job: job, createdAt: now.addingTimeInterval(minutes * 60))
        try await insert(run)
        var batch = RunBatch(runID: run.id)
        for (index, path) in (fetched + failed).enumerated() {
            batch.discovered.append(FrontierRecord(fingerprint: UInt64(index + 1), url: url(path), depth: 0,
                                                   parentURL: nil, state: .queued))
            batch.settled.append(failed.contains(path)
                ? FrontierSettlement(fingerprint: UInt64(index + 1), state: .failed, reason: "timeout")
                : FrontierSettlement(fingerprint: UInt64(index + 1), state: .fetched, httpStatus: 200))
        }
        batch.pages = fetched.map { path in
            PageRecord(url: url(path), depth: 0, parentURL: nil, fetchedAt: now, status: 200, contentType: "text/html",
                       title: nil, outlinks: [], redirectTarget: nil, canonicalURL: nil, language: nil, noindex: false,
                       requestHead: [], responseHead: Array("HTTP/1.1 200 OK\r\n\r\n".utf8), body: Array(path.utf8),
                       truncated: false, ipAddress: "127.0.0.1", httpVersion: "1.1", durationMilliseconds: 1, warning: nil)
        }
        try await store.commit(batch)
        let pages = try await store.pages(of: run.id, after: 0, limit: 100)
        return (run, Dictionary(uniqueKeysWithValues: pages.map { (String($0.page.url.dropFirst(url("").count)), $0.sequence) }))
    }

    static func script(_ store: Store, job: Job, insert: (Run) async throws -> Void) async throws -> Answers {
        var answers = Answers()
        let (first, pages) = try await crawled(store, job: job, fetched: ["/a", "/b", "/c", "/d", "/e"], minutes: 0,
                                               insert: insert)
        var progress = try await store.pipelineProgress(of: first.id)
        answers.progress.append(progress)
        progress.documents.seen = 5
        progress.pageCursor = pages["/e"] ?? 0
        let copiedFirst = try await store.commitDocuments([
            write("/a", pages["/a"] ?? 0, .chunks(chunks("alpha one", "alpha two"))),
            write("/b", pages["/b"] ?? 0, .chunks(chunks("beta"))),
            write("/c", pages["/c"] ?? 0, .failed("extraction failed: not text")),
            write("/d", pages["/d"] ?? 0, .chunks([])),
            write("/e", pages["/e"] ?? 0, .chunks(chunks("epsilon"))),
        ], of: first.id, progress: progress)
        #expect(copiedFirst.isEmpty)
        answers.progress.append(try await store.pipelineProgress(of: first.id))

        let pending = try await store.pendingChunks(of: first.id, limit: 10)
        answers.pending.append(pending.map(\.text))
        answers.pending.append(try await store.pendingChunks(of: first.id, limit: 2).map(\.text))
        func vector(_ seed: Float) -> [Float] { [seed, 1 - seed, 0.5] }
        // /b's only chunk and /a's first: /b is complete, /a not yet; then /a's second.
        progress = try await store.saveVectors([(pending[2].id, vector(0.2)), (pending[0].id, vector(0.1))], model: model,
                                               of: first.id, progress: progress)
        answers.progress.append(progress)
        progress = try await store.saveVectors([(pending[1].id, vector(0.3))], model: model, of: first.id, progress: progress)
        answers.progress.append(progress)
        // The embedder refuses /e, twice: counted once.
        progress = try await store.failDocuments(of: [pending[3]], reason: "refused", of: first.id, progress: progress)
        progress = try await store.failDocuments(of: [pending[3]], reason: "refused", of: first.id, progress: progress)
        answers.progress.append(progress)
        answers.pending.append(try await store.pendingChunks(of: first.id, limit: 10).map(\.text))
        let runKey = try await store.runKey(of: first.id)
        answers.vectors = try await store.vectors(after: 0, limit: 10).map(\.vector)
        answers.runVectors = try await store.vectors(ofRun: runKey, after: 0, limit: 10).map(\.vector)

        // The re-crawl: /a unchanged (copied with its vectors), /b failed to fetch, /d and /c and /e not reached.
        let (second, again) = try await crawled(store, job: job, fetched: ["/a"], failed: ["/b"], minutes: 1, insert: insert)
        let paths = ["/a", "/b", "/c", "/d", "/e", "/z"]
        let before = try await store.previousDocuments(jobID: job.id, urls: paths.map(url), excluding: second.id)
        answers.previous.append(before.mapValues(Self.withoutID))
        var next = PipelineProgress()
        next.documents.seen = 1
        let copied = try await store.commitDocuments([
            write("/a", again["/a"] ?? 0, .copy(fromDocument: before[url("/a")]?.id ?? 0), change: .unchanged),
        ], of: second.id, progress: next)
        answers.copied = copied.map(\.vector)
        // /d is gone; /b is spared (its fetch failed), /c and /e had no live document.
        next = try await store.commitDisappeared(of: second.id, progress: next)
        answers.progress.append(next)
        answers.pending.append(try await store.pendingChunks(of: second.id, limit: 10).map(\.text))

        let (third, _) = try await crawled(store, job: job, fetched: [], minutes: 2, insert: insert)
        let live = try await store.previousDocuments(jobID: job.id, urls: paths.map(url), excluding: third.id)
        answers.previous.append(live.mapValues(Self.withoutID))
        return answers
    }

    static func withoutID(_ document: PreviousDocument) -> PreviousDocument {
        var document = document
        document.id = 0
        return document
    }

    @Test(arguments: StoreBackend.available)
    func theMemoryStoreAnswersAsEveryBackendDoes(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let job = try await fixture.makeJob()
            let real = try await Self.script(fixture.store, job: job) { try await fixture.store.insertRun($0) }
            let memory = MemoryCrawlStore()
            let fast = try await Self.script(memory, job: job) { try await memory.insert($0) }
            #expect(fast == real)

            // The script's facts, so that the two cannot agree on something wrong.
            #expect(real.pending[0] == ["Guide › alpha one", "Guide › alpha two", "Guide › beta", "Guide › epsilon"])
            #expect(real.pending[1].count == 2 && real.pending[2].isEmpty && real.pending[3].isEmpty)
            #expect(real.progress[2].documents.embedded == 1 && real.progress[3].documents.embedded == 2)
            #expect(real.progress[4].documents.failed == 1)
            #expect(real.vectors.count == 3 && real.runVectors == real.vectors)
            #expect(real.copied.count == 2)
            #expect(real.progress[5].documents.deletes == 1)
            let first = real.previous[0], last = real.previous[1]
            #expect(Set(first.keys) == [Self.url("/a"), Self.url("/b"), Self.url("/d")])
            #expect(first[Self.url("/a")]?.embeddedWith == Self.model && first[Self.url("/a")]?.chunkCount == 2)
            #expect(first[Self.url("/d")]?.embeddedWith == nil)
            #expect(Set(last.keys) == [Self.url("/a"), Self.url("/b")])
            #expect(last[Self.url("/a")]?.embeddedWith == Self.model)
        }
    }
}
