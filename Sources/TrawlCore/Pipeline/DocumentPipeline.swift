import Foundation
import Logging

/// Takes a run's stored pages through extract → chunk → index (full text) → embed (vectors), concurrently with the
/// crawl and decoupled from it: the pipeline reads pages back from the store, so fetching never waits for it, and
/// it keeps going after the crawl ends until every document is indexed and embedded.
///
/// Two loops share the run's progress: the document loop (extract, chunk, full-text index, in one transaction per
/// batch with the page cursor) and the embedding loop (vectors for chunks in the store). Progress is persisted
/// with the rows it counts, so after a crash the pipeline resumes from its cursor without double counting.
public actor DocumentPipeline {
    let runID: RunID
    private let jobID: JobID
    private let options: PipelineOptions
    let dependencies: PipelineDependencies
    let tuning: PipelineTuning
    private(set) var progress = PipelineProgress()
    private(set) var runKey: Int64 = 0
    /// Whether helpers have handed in extractions this pipeline used (so there is something to drop).
    private var usedExtractionsAhead = false
    /// Whose claims this pipeline's are, when other processes embed the run's chunks too (`SharedEmbeddingStore`).
    let embedHolder = UUID()
    /// The chunks this pipeline holds claims on (its batch being embedded), when shared.
    var heldChunks: [Int64] = []
    private(set) var textDone = false
    /// `begin()`'s attempt, under way or done.
    private var beginning: Task<Result<Void, StoreError>, Never>?
    private(set) var stopped = false
    private var crawlHasEnded = false
    /// True after an embedding batch used up its retries on an outage: later batches try once each (the embedder
    /// has its own short retries) until one succeeds, so an outage fails documents at the pace of one attempt, not
    /// of every retry of every batch.
    var outage = false
    /// True while one loop writes: progress changes and the rows they count are written one loop at a time, each
    /// write carrying every change committed before it, so a crash between two writes never loses a count.
    private var writing = false
    private var writeWaiters: [CheckedContinuation<Void, Never>] = []

    /// A pipeline for `run`.
    public init(run: Run, dependencies: PipelineDependencies, tuning: PipelineTuning = PipelineTuning()) {
        runID = run.id
        jobID = run.jobID
        options = run.config.pipeline
        self.dependencies = dependencies
        self.tuning = tuning
    }

    /// Processes the run's pages until the crawl has finished and every document is indexed and embedded (or the
    /// embedder failed for good), or until `stop()`. Returns the final progress.
    public func run() async -> PipelineProgress {
        do {
            try await begin()
            guard options.enabled else { return progress }
            textDone = progress.textIndexedAt != nil
            async let embedding: Void = embedLoop()
            try await documentLoop()
            try await embedding
        } catch {
            dependencies.logger.error("pipeline of run \(runID) stopped: \(error)")
        }
        return progress
    }

    /// Reads where the run's pipeline stands and marks it begun (`beganAt`), before any work: a process stopped during
    /// the first batch then leaves a pipeline a restart carries on, and a finished run whose pipeline never began is
    /// one none will run unless asked (`trawl index`), which its steps say. Called by whoever starts the pipeline
    /// before the crawl begins, so that no crawl can finish before its pipeline is marked; `run()` calls it otherwise.
    /// Calls that meet share one attempt; a failed one is tried again by the next call.
    public func begin() async throws(StoreError) {
        let attempt = beginning ?? Task { await self.markBegun() }
        beginning = attempt
        let outcome = await attempt.value
        if case .failure = outcome, beginning == attempt { beginning = nil }
        try outcome.get()
    }

    private func markBegun() async -> Result<Void, StoreError> {
        do {
            progress = try await store.pipelineProgress(of: runID)
            runKey = try await store.runKey(of: runID)
            if options.enabled && progress.beganAt == nil {
                try await save { $0.beganAt = Timestamp.now() }
            }
            return .success(())
        } catch let error as StoreError {
            return .failure(error)
        } catch {
            return .failure(StoreError(.io, "could not begin the pipeline of run \(runID): \(error)"))
        }
    }

    /// Ends both loops at their next step; what was written stays, and a later pipeline resumes from it.
    public func stop() { stopped = true }

    /// The crawl has finished, whatever the store says (it may not have been able to record it).
    public func crawlEnded() { crawlHasEnded = true }

    var store: any PipelineStore { dependencies.store }

    /// Applies `change` to a copy of the progress, writes it with `write` (and the rows it counts), and keeps the
    /// copy only once the write succeeded: a failed write leaves the progress as the store has it.
    private func commit<T>(_ change: (inout PipelineProgress) -> Void,
                           _ write: (PipelineProgress) async throws -> T) async throws -> T {
        try await commitAdjusted(change) { next in (try await write(next), next) }
    }

    /// `commit`, for writes in which the store adjusts the progress (documents it found complete or failed) and
    /// returns it as written.
    func commitAdjusted<T>(_ change: (inout PipelineProgress) -> Void,
                                   _ write: (PipelineProgress) async throws -> (T, PipelineProgress)) async throws -> T {
        while writing { await withCheckedContinuation { writeWaiters.append($0) } }
        writing = true
        defer {
            writing = false
            if !writeWaiters.isEmpty { writeWaiters.removeFirst().resume() }
        }
        var next = progress
        change(&next)
        let (result, written) = try await write(next)
        progress = written
        return result
    }

    /// Saves `change` with nothing else.
    func save(_ change: (inout PipelineProgress) -> Void) async throws {
        let runID = runID
        try await commit(change) { progress in try await self.store.savePipelineProgress(progress, of: runID) }
    }

    /// The name this run's vectors are stored and searched under (one per configured model, endpoint included).
    var storedModel: String? { options.embedding?.storedModel }

    // MARK: - Documents: extract, chunk, full-text index

    private func documentLoop() async throws {
        while !stopped && !textDone {
            let pages = try await store.pages(of: runID, after: progress.pageCursor, limit: tuning.pagesPerBatch,
                                              maxBytes: tuning.bytesPerBatch)
            if pages.isEmpty {
                // One process writes the crawl's last pages before its status says finished; the parts of a shared
                // run may write theirs a beat after, until each has heard. So an empty read after seeing `finished`
                // and every writer settled means every page has been taken in.
                var crawlOver = crawlHasEnded
                if !crawlOver { crawlOver = try await store.run(runID)?.status == .finished }
                var settled = false
                if crawlOver { settled = try await store.pageWritersSettled(runID) }
                let recheck = settled ? try await store.pages(of: runID, after: progress.pageCursor, limit: 1) : []
                if settled && recheck.isEmpty {
                    await dropExtractions(through: .max)
                    try await recordDisappeared()
                    let now = Timestamp.now()
                    try await save { progress in
                        for stage in [PipelineStage.parse, .chunk, .index] { progress.finish(stage, at: now) }
                        progress.textIndexedAt = now
                        // Begun with the text's end, even with nothing to embed: a pipeline stopped before it ends
                        // the step is then one the sweep finds unfinished, not a step left `pending` for good.
                        if self.options.embedding != nil { progress.start(.embed, at: now) }
                    }
                    textDone = true
                    return
                }
                if !settled { try await Task.sleep(for: tuning.pollInterval) }
                continue
            }
            try await take(pages)
        }
    }

    private func take(_ pages: [StoredPage]) async throws {
        let now = Timestamp.now()
        let previous = try await store.previousDocuments(jobID: jobID, urls: pages.map(\.page.url), excluding: runID)
        let recipe = self.recipe
        // Each page's write, by its place in the batch, so documents are stored in page order whatever path they took.
        var decided: [Int: (write: DocumentWrite, reused: Int)] = [:]
        var candidates: [(index: Int, page: StoredPage)] = []
        var unresolved: [(index: Int, page: StoredPage)] = []
        for (index, page) in pages.enumerated() {
            let before = previous[page.page.url]
            if let before, page.page.holdsPayload, page.page.status == 404 || page.page.status == 410 {
                decided[index] = (DocumentWrite(pageSequence: page.sequence, url: page.page.url, title: before.title,
                                                language: before.language, canonicalURL: before.canonicalURL,
                                                contentSHA256: before.contentSHA256, change: .delete, content: .deleted), 0)
            } else if let before, let carried = carriedForward(page, before: before, recipe: recipe) {
                decided[index] = (carried, before.chunkCount)
            } else if !page.page.holdsPayload {
                unresolved.append((index, page))
            } else if Self.isDocument(page) {
                candidates.append((index, page))
            }
        }
        // A revisit that cannot be carried forward (a new recipe, a model without vectors) is extracted from its
        // stored payload like any page.
        if !unresolved.isEmpty {
            let payloads = try await store.payloads(unresolved.compactMap { $0.page.page.revisit?.payloadSequence })
            for (index, page) in unresolved {
                // A payload gone with its run (deleted meanwhile) leaves nothing to extract: the page is skipped.
                guard let payload = page.page.revisit.flatMap({ payloads[$0.payloadSequence] }) else { continue }
                let resolved = page.resolved(with: payload)
                if Self.isDocument(resolved) { candidates.append((index, resolved)) }
            }
        }
        let extracted = try await extractions(of: candidates.map(\.page), recipe: recipe)
        for ((index, page), outcome) in zip(candidates, extracted) {
            let before = previous[page.page.url]
            let content: ExtractedContent
            let chunks: [Chunk]
            switch outcome {
            case .success(let success): (content, chunks) = (success.content, success.chunks)
            case .failure(let error):
                // Counted and listed as failed, with the reason; the run goes on.
                decided[index] = (DocumentWrite(pageSequence: page.sequence, url: page.page.url, title: nil, language: nil,
                                                canonicalURL: nil, contentSHA256: "", change: before == nil ? .add : .update,
                                                content: .failed("extraction failed: \(error.message)")), 0)
                continue
            }
            let hash = fingerprint(content)
            let change: DocumentWrite.Change = before == nil ? .add : before?.contentSHA256 == hash ? .unchanged : .update
            // Unchanged content is not embedded again: the previous run's chunks and vectors are copied, as long
            // as they were all embedded with the model this run uses.
            let body: DocumentWrite.Content
            if change == .unchanged, let before, let model = storedModel, before.embeddedWith == model {
                body = .copy(fromDocument: before.id)
            } else {
                // The embedder's text is made (and stored) only for runs that embed; it is dropped once embedded.
                body = .chunks(options.embedding == nil ? chunks : chunks.map { Self.situated($0, title: content.title) })
            }
            var write = DocumentWrite(pageSequence: page.sequence, url: page.page.url, title: content.title,
                                      language: content.language, canonicalURL: content.canonicalURL,
                                      contentSHA256: hash, change: change, content: body)
            write.payloadSHA256 = page.contentSHA256
            write.recipe = recipe
            decided[index] = (write, before?.chunkCount ?? 0)
        }
        let ordered = decided.sorted { $0.key < $1.key }.map(\.value)
        let writes = ordered.map(\.write)
        let documents = writes.filter { if case .deleted = $0.content { false } else { true } }.count
        let embeds = options.embedding != nil
        let cursor = pages.last?.sequence ?? progress.pageCursor
        let runID = runID
        let copied = try await commit({ progress in
            progress.start(.parse, at: now)
            progress.start(.chunk, at: now)
            progress.start(.index, at: now)
            if documents > 0, embeds { progress.start(.embed, at: now) }
            progress.documents.seen += pages.count
            progress.documents.skipped += pages.count - documents
            for (write, reused) in ordered { Self.count(write, reused: reused, embeds: embeds, in: &progress) }
            progress.pageCursor = cursor
        }, { progress in try await self.store.commitDocuments(writes, of: runID, progress: progress) })
        for (model, vectors) in Dictionary(grouping: copied, by: \.model) {
            dependencies.vectors.add(vectors.map { ($0.chunkID, $0.vector) }, model: model, runKey: runKey)
        }
        if usedExtractionsAhead { await dropExtractions(through: cursor) }
    }

    /// Forgets what helpers extracted for pages taken in (or, at the end, for any page): it is not needed again, and
    /// failing to drop it costs only space until the run is deleted.
    private func dropExtractions(through sequence: Int64) async {
        guard let shared = dependencies.sharedExtraction else { return }
        do { try await shared.dropExtractions(of: runID, through: sequence) } catch {
            dependencies.logger.warning("could not drop the extractions of run \(runID): \(error)")
        }
    }

    /// The extractions of `pages`, in order: those helpers made ahead of this pipeline under the same recipe (shared
    /// runs), the rest made here. A page a helper is still working on is extracted here too rather than waited for.
    private func extractions(of pages: [StoredPage], recipe: String) async throws -> [PageExtraction.Outcome] {
        let extraction = PageExtraction(extractor: dependencies.extractor, options: options, tokens: dependencies.tokens,
                                        parallelism: tuning.parallelism)
        guard let shared = dependencies.sharedExtraction, !pages.isEmpty else {
            return await extraction.extract(pages.map(\.page))
        }
        let key = PageExtraction.resultKey(recipe: recipe, tokens: dependencies.tokens)
        let ready = try await shared.extractions(of: runID, pages: pages.map(\.sequence), recipe: key)
        if !ready.isEmpty { usedExtractionsAhead = true }
        let missing = pages.filter { ready[$0.sequence] == nil }
        var made = await extraction.extract(missing.map(\.page))[...]
        return pages.map { page in ready[page.sequence] ?? made.popFirst() ?? .failure(ExtractionError("not extracted")) }
    }

    /// The previous run's document for a page with the same payload, made the same way: carried forward with its
    /// chunks and vectors, neither extracted nor embedded again. Nil when it must be made anew (the payload or the
    /// recipe changed, or its vectors are not this run's model's).
    private func carriedForward(_ page: StoredPage, before: PreviousDocument, recipe: String) -> DocumentWrite? {
        guard before.payloadSHA256 == page.contentSHA256, before.recipe == recipe,
              (200...299).contains(page.page.payloadStatus) else { return nil }
        if let model = storedModel, before.embeddedWith != model { return nil }
        var write = DocumentWrite(pageSequence: page.sequence, url: page.page.url, title: before.title,
                                  language: before.language, canonicalURL: before.canonicalURL,
                                  contentSHA256: before.contentSHA256, change: .unchanged,
                                  content: .copy(fromDocument: before.id))
        write.payloadSHA256 = page.contentSHA256
        write.recipe = recipe
        return write
    }

    /// What a document is made with besides its payload: the extraction and chunking settings and the versions of
    /// the code that uses them. Equal payload and equal recipe make an equal document.
    private var recipe: String { PageExtraction.recipe(of: options, hash: dependencies.contentHash) }

    /// Bumped whenever extraction or chunking would make a different document from the same payload: documents
    /// carried forward by payload are then made anew.
    static let extractionVersion = 1

    /// Tombstones for the documents of earlier runs that this run did not reach, when it crawled to its natural end
    /// (a run stopped by a limit or by hand did not look everywhere, and cannot say what is gone).
    private func recordDisappeared() async throws {
        guard let stopReason = try await store.run(runID)?.stopReason,
              stopReason == .maxDepth || stopReason == .maxEmptyEvaluations else { return }
        let runID = runID
        try await commitAdjusted({ _ in }, { progress in
            ((), try await self.store.commitDisappeared(of: runID, progress: progress))
        })
    }

    /// The chunk with its page's title and heading path before its words, for the embedder: a passage deep in a
    /// page seldom names its subject ("Objects of this class are returned by …"), which the page and section do.
    /// The full-text index gets the same context through its weighted title and heading columns.
    static func situated(_ chunk: Chunk, title: String?) -> Chunk {
        var context = chunk.headingPath
        if let title, !title.isEmpty, context.first != title { context.insert(title, at: 0) }
        let words = MarkdownPlainText.plain(chunk.text)
        var situated = chunk
        situated.embeddingText = context.isEmpty ? words : context.joined(separator: " › ") + "\n\n" + words
        return situated
    }

    /// The extracted Markdown's digest, salted with what else shapes a document's chunks and vectors: the chunking
    /// settings, the page title (the embedder reads it before each chunk) and the version of the embedder's input.
    /// A job whose chunk size changed, a page whose title changed, or a store written before the embedder read
    /// situated plain text must cut (and embed) its pages again, even where their text did not change.
    private func fingerprint(_ content: ExtractedContent) -> String {
        let chunking = options.chunking
        let salt = "\(chunking.targetTokens)/\(chunking.overlapTokens)/\(Self.embeddingInputVersion)\u{0}\(content.title ?? "")\u{0}"
        return dependencies.contentHash(salt + content.markdown)
    }

    /// Bumped whenever what the embedder reads for a chunk changes (`situated`, `MarkdownPlainText`, the tokenizer's
    /// normaliser: 3 drops U+000B, U+000C and U+0085 as the reference does).
    static let embeddingInputVersion = 3

    private static func count(_ write: DocumentWrite, reused: Int, embeds: Bool, in progress: inout PipelineProgress) {
        if case .deleted = write.content {
            progress.documents.deletes += 1
            return
        }
        if case .failed = write.content {
            progress.documents.failed += 1
            progress.documents.parseFailed += 1
            return
        }
        progress.documents.parsed += 1
        progress.documents.chunked += 1
        progress.documents.indexed += 1
        switch write.change {
        case .add: progress.documents.adds += 1
        case .update: progress.documents.updates += 1
        case .unchanged: progress.documents.unchanged += 1
        case .delete: progress.documents.deletes += 1
        }
        switch write.content {
        case .chunks(let chunks):
            progress.chunks.created += chunks.count
            progress.chunks.indexed += chunks.count
            // A document without text has nothing to embed: it is as embedded as it will ever be.
            if chunks.isEmpty && embeds { progress.documents.embedded += 1 }
        case .copy:
            progress.chunks.created += reused
            progress.chunks.indexed += reused
            if embeds {
                progress.chunks.embedded += reused
                progress.documents.embedded += 1
            }
        case .failed, .deleted:
            break  // counted above
        }
    }

    /// Pages that become documents: successful HTML responses (a revisit once resolved to its payload).
    static func isDocument(_ stored: StoredPage) -> Bool {
        (200...299).contains(stored.page.status) && stored.page.isHTML
    }
}
