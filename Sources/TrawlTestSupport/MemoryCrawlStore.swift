import Foundation
import TrawlCore

/// The stores of a crawl engine (`CrawlEngineStore`) and of a document pipeline (`PipelineStore`) in memory, for
/// tests of the crawl loop and the pipeline that need no database: the same answers as the SQL adapters give
/// (`MemoryCrawlStoreContractTests` and `MemoryDocumentStoreContractTests` hold them to one script each), in
/// microseconds.
///
/// What it keeps is what the two write: runs, each run's frontier rows by fingerprint in discovery order, pages
/// with store-wide sequences, the run log, and documents with their chunks and vectors (`MemoryDocumentTables`).
/// Tests read them back through the inspection methods below. (It names its protocols one by one, since
/// `CrawlEngineStore & PipelineStore` would name `RunStateStore` twice.)
public actor MemoryCrawlStore: CrawlLog, RunStateStore, PageStore, RecrawlStore, DocumentStore, VectorStore {
    private var runs: [RunID: Run] = [:]
    /// Runs in insertion order (the SQLite store's `key` order, which re-crawls use to find the previous run).
    private var runOrder: [RunID] = []
    private var frontiers: [RunID: Frontier] = [:]
    /// Every page in write order: the page with sequence N is at N - 1.
    private var pages: [(run: RunID, stored: StoredPage)] = []
    /// Parts of shared runs still writing pages, by run (`setLiveWriters`).
    private var liveWriters: [RunID: Int] = [:]
    private var logs: [RunID: [CrawlLogEntry]] = [:]
    private var tables = MemoryDocumentTables()

    /// One run's frontier rows, in discovery order, found by fingerprint.
    private struct Frontier {
        var rows: [FrontierRecord] = []
        var index: [UInt64: Int] = [:]
    }

    public init() {}

    // MARK: Setting up

    /// Stores `run` as a new run (what `RunStore.insertRun` does in a real store).
    public func insert(_ run: Run) throws(StoreError) {
        guard runs[run.id] == nil else { throw StoreError(.conflict, "run \(run.id) exists already") }
        runs[run.id] = run
        runOrder.append(run.id)
        frontiers[run.id] = Frontier()
    }

    // MARK: CrawlEngineStore

    public func run(_ id: RunID) -> Run? { runs[id] }

    public func updateRun(_ run: Run) throws(StoreError) {
        guard var stored = runs[run.id] else { throw StoreError(.notFound, "run \(run.id) does not exist") }
        // State and progress only: identity, labels and config are fixed at creation, as the stores keep them.
        stored.status = run.status
        stored.stopReason = run.stopReason
        stored.error = run.error
        stored.progress = run.progress
        stored.startedAt = run.startedAt
        stored.pausedAt = run.pausedAt
        stored.finishedAt = run.finishedAt
        stored.updatedAt = run.updatedAt
        runs[run.id] = stored
    }

    public func commit(_ batch: RunBatch) throws(StoreError) {
        guard runs[batch.runID] != nil else { throw StoreError(.notFound, "run \(batch.runID) does not exist") }
        if batch.share != nil { throw StoreError(.unsupported, "a run shared between processes needs PostgreSQL") }
        var frontier = frontiers[batch.runID, default: Frontier()]
        // Discovered rows first (a settlement in the same batch may refer to them); a fingerprint seen before keeps
        // its row, as INSERT OR IGNORE keeps it.
        for record in batch.discovered where frontier.index[record.fingerprint] == nil {
            var row = record
            row.httpStatus = nil
            frontier.index[record.fingerprint] = frontier.rows.count
            frontier.rows.append(row)
        }
        for settlement in batch.settled {
            guard let position = frontier.index[settlement.fingerprint] else { continue }
            frontier.rows[position].state = settlement.state
            frontier.rows[position].reason = settlement.reason
            frontier.rows[position].httpStatus = settlement.httpStatus
        }
        frontiers[batch.runID] = frontier
        for page in batch.pages {
            var kept = page
            kept.lease = nil
            let digest = page.payloadSHA256 ?? PayloadDigest.sha256(page.body)
            pages.append((batch.runID, StoredPage(sequence: Int64(pages.count + 1), page: kept, contentSHA256: digest)))
        }
        logs[batch.runID, default: []] += batch.log
        if let run = batch.run { try updateRun(run) }
    }

    public func loadFrontier(_ runID: RunID, limit: Int) throws(StoreError) -> FrontierSnapshot {
        guard var frontier = frontiers[runID] else { throw StoreError(.notFound, "run \(runID) does not exist") }
        // Everything pending goes to "disk" first; then the oldest `limit` come back as queued.
        for position in frontier.rows.indices where frontier.rows[position].state == .queued {
            frontier.rows[position].state = .spilled
        }
        frontiers[runID] = frontier
        let pending = claim(runID, limit: limit)
        let rows = frontiers[runID]?.rows ?? []
        return FrontierSnapshot(fingerprints: rows.map(\.fingerprint), pending: pending,
                                spilledCount: rows.count { $0.state == .spilled },
                                sawBeyondDepth: rows.contains { $0.state == .beyondDepth })
    }

    public func claimSpilled(_ runID: RunID, limit: Int) throws(StoreError) -> [FrontierRecord] {
        guard frontiers[runID] != nil else { throw StoreError(.notFound, "run \(runID) does not exist") }
        return claim(runID, limit: limit)
    }

    public func payloads(_ sequences: [Int64]) -> [Int64: StoredPayload] {
        var found: [Int64: StoredPayload] = [:]
        for sequence in Set(sequences) {
            guard let stored = storedPage(at: sequence)?.page else { continue }
            found[sequence] = StoredPayload(body: stored.body, status: stored.revisit?.payloadStatus ?? stored.status,
                                            responseHead: stored.revisit == nil ? stored.responseHead : [],
                                            contentType: stored.contentType)
        }
        return found
    }

    public func priorFetches(for runID: RunID) throws(StoreError) -> [PriorFetch] {
        guard let run = runs[runID], let position = runOrder.firstIndex(of: runID) else {
            throw StoreError(.notFound, "run \(runID) does not exist")
        }
        // The job's latest earlier run that finished having fetched something.
        guard let previous = runOrder[..<position].last(where: { id in
            runs[id]?.jobID == run.jobID && runs[id]?.status == .finished && pages.contains { $0.run == id }
        }) else { return [] }
        // Complete 2xx payloads only: a redirect, an error or a cut body is fetched again in full.
        return pages.filter { $0.run == previous }.compactMap { entry -> PriorFetch? in
            let stored = entry.stored, page = stored.page
            let payloadStatus = page.revisit?.payloadStatus ?? page.status
            guard (200...299).contains(payloadStatus), !page.truncated, page.redirectTarget == nil else { return nil }
            let payloadSequence = page.revisit?.payloadSequence ?? stored.sequence
            guard let payload = storedPage(at: payloadSequence) else { return nil }
            return PriorFetch(url: page.url, verifiedAt: page.fetchedAt, etag: page.etag, lastModified: page.lastModified,
                              payloadSHA256: stored.contentSHA256, contentType: page.contentType,
                              payloadSequence: payloadSequence, payloadURL: page.revisit?.payloadURL ?? page.url,
                              payloadDate: page.revisit?.payloadDate ?? page.fetchedAt, payloadStatus: payloadStatus,
                              payloadLength: payload.page.body.count)
        }
    }

    // MARK: PipelineStore

    public func pages(of runID: RunID, after sequence: Int64, limit: Int, maxBytes: Int) throws(StoreError) -> [StoredPage] {
        _ = try key(of: runID)
        let candidates = Array(pages.lazy.filter { $0.run == runID && $0.stored.sequence > sequence }.prefix(limit).map(\.stored))
        let sizes = candidates.map { page in
            page.page.body.count + (page.page.revisit.flatMap { revisit in
                revisit.payloadSequence == page.sequence ? nil
                    : pages.first { $0.stored.sequence == revisit.payloadSequence }?.stored.page.body.count
            } ?? 0)
        }
        return Array(candidates.prefix(Self.pagesFitting(sizes, maxBytes: maxBytes)))
    }

    public func redirects(of runID: RunID) throws(StoreError) -> [RedirectHop] {
        _ = try key(of: runID)
        return pages.filter { $0.run == runID }.compactMap { entry in
            entry.stored.page.redirectTarget.map {
                RedirectHop(from: entry.stored.page.url, to: $0, parentURL: entry.stored.page.parentURL)
            }
        }
    }

    public func pageWritersSettled(_ runID: RunID) throws(StoreError) -> Bool {
        _ = try key(of: runID)
        return (liveWriters[runID] ?? 0) == 0
    }

    /// Says that `count` parts of a shared run are still writing (0: none), as a shared store would.
    public func setLiveWriters(_ count: Int, of runID: RunID) { liveWriters[runID] = count }

    public func runKey(of runID: RunID) throws(StoreError) -> Int64 { try key(of: runID) }

    public func pipelineProgress(of runID: RunID) throws(StoreError) -> PipelineProgress {
        tables.progress[try key(of: runID)] ?? PipelineProgress()
    }

    public func savePipelineProgress(_ progress: PipelineProgress, of runID: RunID) throws(StoreError) {
        tables.progress[try key(of: runID)] = progress
    }

    public func previousDocuments(jobID: JobID, urls: [String],
                                  excluding runID: RunID) throws(StoreError) -> [String: PreviousDocument] {
        tables.previousDocuments(jobID: jobID, urls: urls, excluding: try key(of: runID))
    }

    public func commitDocuments(_ writes: [DocumentWrite], of runID: RunID,
                                progress: PipelineProgress) throws(StoreError) -> [StoredVector] {
        let key = try key(of: runID)
        guard let jobID = runs[runID]?.jobID else { throw StoreError(.notFound, "run \(runID) does not exist") }
        let copied = tables.commit(writes, runKey: key, jobID: jobID)
        tables.progress[key] = progress
        return copied
    }

    public func pendingChunks(of runID: RunID, limit: Int) throws(StoreError) -> [PendingChunk] {
        tables.pendingChunks(runKey: try key(of: runID), limit: limit)
    }

    public func saveVectors(_ vectors: [(chunkID: Int64, vector: [Float])], model: String, of runID: RunID,
                            progress: PipelineProgress) throws(StoreError) -> PipelineProgress {
        let key = try key(of: runID)
        var written = progress
        written.documents.embedded += tables.saveVectors(vectors, model: model)
        tables.progress[key] = written
        return written
    }

    public func failDocuments(of chunks: [PendingChunk], reason: String, of runID: RunID,
                              progress: PipelineProgress) throws(StoreError) -> PipelineProgress {
        let key = try key(of: runID)
        var written = progress
        written.documents.failed += tables.fail(chunks, reason: reason)
        tables.progress[key] = written
        return written
    }

    public func commitDisappeared(of runID: RunID, progress: PipelineProgress) throws(StoreError) -> PipelineProgress {
        let key = try key(of: runID)
        var written = progress
        // As the adapters decide: against the job's last earlier run with documents, sparing the URLs this run could
        // not tell about (failed, 5xx or 429, robots.txt unreadable, a blocked address).
        let jobID = runs[runID]?.jobID
        if let previous = (1..<key).reversed().first(where: { earlier in
            runs[runOrder[Int(earlier) - 1]]?.jobID == jobID && tables.hasDocuments(runKey: earlier)
        }) {
            let unsure = Set((frontiers[runID]?.rows ?? []).filter { row in
                row.state == .failed || (row.httpStatus ?? 0) >= 500 || row.httpStatus == 429
                    || row.reason == "robots_unavailable" || row.reason == "blocked_address"
            }.map(\.url))
            written.documents.deletes += tables.recordDisappeared(runKey: key, previousKey: previous, unsure: unsure)
        }
        tables.progress[key] = written
        return written
    }

    // MARK: VectorStore

    public func vectors(after chunkID: Int64, limit: Int) -> [StoredVector] {
        tables.vectors(runKey: nil, after: chunkID, limit: limit)
    }

    public func vectors(ofRun runKey: Int64, after chunkID: Int64, limit: Int) -> [StoredVector] {
        tables.vectors(runKey: runKey, after: chunkID, limit: limit)
    }

    // MARK: Inspection

    /// The run's frontier rows in discovery order.
    public func frontier(of runID: RunID) -> [FrontierRecord] { frontiers[runID]?.rows ?? [] }

    /// The run's pages in write order.
    public func pages(of runID: RunID) -> [StoredPage] { pages.filter { $0.run == runID }.map(\.stored) }

    /// The run's log in write order.
    public func log(of runID: RunID) -> [CrawlLogEntry] { logs[runID] ?? [] }

    /// The run's documents in write order: URL, change and status.
    public func documents(of runID: RunID) -> [(url: String, change: DocumentWrite.Change, status: DocumentRecord.Status)] {
        guard let key = try? key(of: runID) else { return [] }
        return tables.documents(runKey: key).map { ($0.url, $0.change, $0.status) }
    }

    // MARK: Helpers

    /// The run's key: its place in insertion order, from 1, as the adapters number runs.
    private func key(of runID: RunID) throws(StoreError) -> Int64 {
        guard let position = runOrder.firstIndex(of: runID) else { throw StoreError(.notFound, "run \(runID) does not exist") }
        return Int64(position + 1)
    }

    /// The page with store sequence `sequence`, if there is one.
    private func storedPage(at sequence: Int64) -> StoredPage? {
        sequence >= 1 && sequence <= Int64(pages.count) ? pages[Int(sequence) - 1].stored : nil
    }

    /// Moves up to `limit` spilled rows back to queued, oldest first, and returns them.
    private func claim(_ runID: RunID, limit: Int) -> [FrontierRecord] {
        guard var frontier = frontiers[runID] else { return [] }
        var claimed: [FrontierRecord] = []
        for position in frontier.rows.indices where claimed.count < limit && frontier.rows[position].state == .spilled {
            frontier.rows[position].state = .queued
            var record = frontier.rows[position]
            record.reason = nil
            record.httpStatus = nil
            claimed.append(record)
        }
        frontiers[runID] = frontier
        return claimed
    }
}
