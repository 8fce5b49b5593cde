import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// `MemoryCrawlStore`, the crawl loop's fast test store, gives the answers every real backend gives to one script of
/// engine calls: batches with discoveries, settlements, pages and a revisit, a resume, spilled claims, payloads and a
/// re-crawl's prior fetches. Were it to drift from them, the loop tests on it would test a store nobody ships.
@Suite struct MemoryCrawlStoreContractTests {
    /// What an engine store answered to the script, in comparable form.
    struct Answers: Equatable {
        var snapshotFingerprints: Set<UInt64> = []
        var snapshotPending: [FrontierRecord] = []
        var spilledCount = 0
        var sawBeyondDepth = false
        var claimed: [[FrontierRecord]] = []
        var payloads: [Int64: StoredPayload] = [:]
        var priorFetches: [PriorFetch] = []
        var firstRun: (RunStatus, StopReason?, RunProgress)?
        var secondRunPrior: [PriorFetch] = []

        static func == (lhs: Answers, rhs: Answers) -> Bool {
            lhs.snapshotFingerprints == rhs.snapshotFingerprints && lhs.snapshotPending == rhs.snapshotPending
                && lhs.spilledCount == rhs.spilledCount && lhs.sawBeyondDepth == rhs.sawBeyondDepth
                && lhs.claimed == rhs.claimed && lhs.payloads == rhs.payloads && lhs.priorFetches == rhs.priorFetches
                && lhs.firstRun?.0 == rhs.firstRun?.0 && lhs.firstRun?.1 == rhs.firstRun?.1
                && lhs.firstRun?.2 == rhs.firstRun?.2 && lhs.secondRunPrior == rhs.secondRunPrior
        }
    }

    /// Not a whole second: the stores keep times to the millisecond, and the memory store must agree with that.
    static let now = Date(timeIntervalSince1970: 1_800_000_000.125)

    static func page(_ path: String, status: Int = 200, body: String, etag: String? = nil,
                     revisit: Revisit? = nil, truncated: Bool = false) -> PageRecord {
        var page = PageRecord(
            url: "https://example.com\(path)", depth: 0, parentURL: nil, fetchedAt: now, status: status,
            contentType: "text/html", title: nil, outlinks: [], redirectTarget: nil, canonicalURL: nil, language: nil,
            noindex: false, requestHead: Array("GET \(path) HTTP/1.1\r\n\r\n".utf8),
            responseHead: Array("HTTP/1.1 \(status) X\r\n\r\n".utf8), body: Array(body.utf8), truncated: truncated,
            ipAddress: "127.0.0.1", httpVersion: "1.1", durationMilliseconds: 2, warning: nil)
        page.etag = etag
        page.revisit = revisit
        if revisit != nil { page.payloadSHA256 = PayloadDigest.sha256(Array("<p>a</p>".utf8)) }
        return page
    }

    /// Runs the script on `store`; `insert` stores a run as the backend does, `firstSequence` says where a run's pages
    /// begin. Sequences are rebased to the first page's, since each store numbers its pages store-wide.
    static func script(_ store: any CrawlEngineStore, job: Job, insert: (Run) async throws -> Void,
                       firstSequence: (RunID) async throws -> Int64) async throws -> Answers {
        var answers = Answers()
        let first = Run(job: job, createdAt: now)
        try await insert(first)
        var batch = RunBatch(runID: first.id)
        for index in 0..<6 {
            batch.discovered.append(FrontierRecord(fingerprint: UInt64(100 + index), url: "https://example.com/\(index)",
                                                   depth: 1, parentURL: "https://example.com/", state: index < 3 ? .queued : .spilled))
        }
        batch.discovered.append(FrontierRecord(fingerprint: 7, url: "https://example.com/deep", depth: 9, parentURL: nil,
                                               state: .beyondDepth))
        // Discovered again: the first row stands.
        batch.discovered.append(FrontierRecord(fingerprint: 100, url: "https://example.com/0", depth: 5, parentURL: nil,
                                               state: .spilled))
        batch.settled = [FrontierSettlement(fingerprint: 100, state: .fetched, httpStatus: 200),
                         FrontierSettlement(fingerprint: 101, state: .failed, reason: "timeout")]
        batch.pages = [page("/0", body: "<p>a</p>", etag: "\"a\""), page("/big", body: "cut", truncated: true),
                       page("/gone", status: 404, body: "no")]
        var running = first
        running.status = .running
        running.progress.fetched = 3
        batch.run = running
        try await store.commit(batch)

        let snapshot = try await store.loadFrontier(first.id, limit: 2)
        answers.snapshotFingerprints = Set(snapshot.fingerprints)
        answers.snapshotPending = snapshot.pending
        answers.spilledCount = snapshot.spilledCount
        answers.sawBeyondDepth = snapshot.sawBeyondDepth
        answers.claimed = [try await store.claimSpilled(first.id, limit: 1), try await store.claimSpilled(first.id, limit: 10),
                           try await store.claimSpilled(first.id, limit: 10)]

        // A revisit pointing at /0's payload, then the run ends.
        let original = try await firstSequence(first.id)
        var second = RunBatch(runID: first.id)
        second.pages = [page("/0-again", body: "", revisit: Revisit(kind: .identicalPayload, payloadSequence: original,
                                                                     payloadURL: "https://example.com/0", payloadDate: now,
                                                                     payloadStatus: 200))]
        var finished = running
        finished.status = .finished
        finished.stopReason = .maxEmptyEvaluations
        finished.progress.fetched = 4
        second.run = finished
        try await store.commit(second)
        let stored = try #require(try await store.run(first.id))
        answers.firstRun = (stored.status, stored.stopReason, stored.progress)
        answers.payloads = try await store.payloads([original, original + 3, original + 99])
            .reduce(into: [:]) { $0[$1.key - original] = $1.value }

        // The job's next run sees the complete 2xx payloads of this one, the revisit resolved to /0's.
        let next = Run(job: job, createdAt: now.addingTimeInterval(60))
        try await insert(next)
        answers.secondRunPrior = try await store.priorFetches(for: next.id).map { fetch in
            var rebased = fetch
            rebased.payloadSequence -= original
            return rebased
        }
        answers.priorFetches = try await store.priorFetches(for: first.id)
        return answers
    }

    @Test(arguments: StoreBackend.available)
    func theMemoryStoreAnswersAsEveryBackendDoes(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let job = try await fixture.makeJob()
            let store = fixture.store
            let real = try await Self.script(store, job: job, insert: { try await store.insertRun($0) }) { id in
                try #require(try await store.pages(of: id, after: 0, limit: 1).first).sequence
            }
            let memory = MemoryCrawlStore()
            let fast = try await Self.script(memory, job: job, insert: { try await memory.insert($0) }) { id in
                try #require(await memory.pages(of: id).first).sequence
            }
            #expect(fast == real)
            #expect(real.secondRunPrior.map(\.url) == ["https://example.com/0", "https://example.com/0-again"])
            // Pending /2 (queued) and /3 (spilled, oldest) come back at the resume; /4 and /5 one claim at a time.
            #expect(real.snapshotPending.map(\.url) == ["https://example.com/2", "https://example.com/3"])
            #expect(real.claimed.map { $0.map(\.url) } == [["https://example.com/4"], ["https://example.com/5"], []])
        }
    }
}
