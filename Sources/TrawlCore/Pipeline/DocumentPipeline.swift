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
    private let runID: RunID
    private let jobID: JobID
    private let options: PipelineOptions
    private let dependencies: PipelineDependencies
    private let tuning: PipelineTuning
    private var progress = PipelineProgress()
    private var runKey: Int64 = 0
    private var textDone = false
    private var stopped = false

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
            progress = try await store.pipelineProgress(of: runID)
            runKey = try await store.runKey(of: runID)
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

    /// Ends both loops at their next step; what was written stays, and a later pipeline resumes from it.
    public func stop() { stopped = true }

    private var store: any CrawlStore { dependencies.store }

    /// The name this run's vectors are stored and searched under (one per configured model, endpoint included).
    private var storedModel: String? { options.embedding?.storedModel }

    // MARK: - Documents: extract, chunk, full-text index

    private func documentLoop() async throws {
        while !stopped && !textDone {
            let pages = try await store.pages(of: runID, after: progress.pageCursor, limit: tuning.pagesPerBatch)
            if pages.isEmpty {
                // The crawl's last pages are in the store before its status says finished, so an empty read after
                // seeing `finished` means every page has been taken in.
                let crawlOver = try await store.run(runID)?.status == .finished
                let recheck = crawlOver ? try await store.pages(of: runID, after: progress.pageCursor, limit: 1) : []
                if crawlOver && recheck.isEmpty {
                    let now = Timestamp.now()
                    for stage in [PipelineStage.parse, .chunk, .index] { progress.finish(stage, at: now) }
                    progress.textIndexedAt = now
                    textDone = true
                    try await store.savePipelineProgress(progress, of: runID)
                    return
                }
                if !crawlOver { try await Task.sleep(for: tuning.pollInterval) }
                continue
            }
            try await take(pages)
        }
    }

    private func take(_ pages: [StoredPage]) async throws {
        let now = Timestamp.now()
        progress.start(.parse, at: now)
        let documents = pages.filter(Self.isDocument)
        progress.documents.seen += pages.count
        progress.documents.skipped += pages.count - documents.count
        let extracted = await extract(documents)
        let previous = try await store.previousDocuments(jobID: jobID, urls: extracted.map(\.page.page.url), excluding: runID)
        var writes: [DocumentWrite] = []
        for (page, content, chunks) in extracted {
            let hash = dependencies.contentHash(content.markdown)
            let before = previous[page.page.url]
            let change: DocumentWrite.Change = before == nil ? .add : before?.contentSHA256 == hash ? .unchanged : .update
            var body = DocumentWrite.Content.chunks(chunks)
            // Unchanged content is not embedded again: the previous run's chunks and vectors are copied, as long
            // as they were all embedded with the model this run uses.
            if change == .unchanged, let before, dependencies.embedder != nil, let model = storedModel,
               before.embeddedWith == model {
                body = .copy(fromDocument: before.id)
            }
            writes.append(DocumentWrite(pageSequence: page.sequence, url: page.page.url, title: content.title,
                                        language: content.language, canonicalURL: content.canonicalURL,
                                        contentSHA256: hash, change: change, content: body))
            count(change, body, reused: before?.chunkCount ?? 0)
        }
        progress.pageCursor = pages.last?.sequence ?? progress.pageCursor
        progress.start(.chunk, at: now)
        progress.start(.index, at: now)
        let copied = try await store.commitDocuments(writes, of: runID, progress: progress)
        for (model, vectors) in Dictionary(grouping: copied, by: \.model) {
            dependencies.vectors.add(vectors.map { ($0.chunkID, $0.vector) }, model: model, runKey: runKey)
        }
        if !writes.isEmpty, dependencies.embedder != nil { progress.start(.embed, at: now) }
    }

    private func count(_ change: DocumentWrite.Change, _ content: DocumentWrite.Content, reused: Int) {
        progress.documents.parsed += 1
        progress.documents.chunked += 1
        progress.documents.indexed += 1
        switch change {
        case .add: progress.documents.adds += 1
        case .update: progress.documents.updates += 1
        case .unchanged: progress.documents.unchanged += 1
        }
        switch content {
        case .chunks(let chunks):
            progress.chunks.created += chunks.count
            progress.chunks.indexed += chunks.count
            if chunks.isEmpty { progress.documents.embedded += 1 }
        case .copy:
            progress.chunks.created += reused
            progress.chunks.indexed += reused
            progress.chunks.embedded += reused
            progress.documents.embedded += 1
        case .failed:
            progress.documents.failed += 1
        }
    }

    /// Extracts and chunks pages on up to `parallelism` tasks, keeping their order.
    private func extract(_ pages: [StoredPage]) async -> [(page: StoredPage, content: ExtractedContent, chunks: [Chunk])] {
        let extractor = dependencies.extractor
        let chunker = Chunker(options: options.chunking, counter: dependencies.tokens)
        let extraction = options.extraction
        return await withTaskGroup(of: (Int, ExtractedContent, [Chunk]).self) { group in
            var results: [(Int, ExtractedContent, [Chunk])] = []
            var next = 0
            func submit() {
                let index = next
                let page = pages[index].page
                next += 1
                group.addTask {
                    let content = extractor.extract(page.body, declaredCharset: page.headers.charset, url: page.url,
                                                    options: extraction)
                    return (index, content, chunker.chunks(of: content.markdown))
                }
            }
            while next < min(pages.count, tuning.parallelism) { submit() }
            for await result in group {
                results.append(result)
                if next < pages.count { submit() }
            }
            return results.sorted { $0.0 < $1.0 }.map { (pages[$0.0], $0.1, $0.2) }
        }
    }

    /// Pages that become documents: successful HTML responses.
    static func isDocument(_ stored: StoredPage) -> Bool {
        (200...299).contains(stored.page.status) && stored.page.isHTML
    }

    // MARK: - Vectors

    private func embedLoop() async throws {
        guard options.embedding != nil else { return }
        guard let embedder = dependencies.embedder else {
            // The model is configured but could not be loaded: every document stays unembedded, and says why.
            try await failEverything(reason: dependencies.embedderError ?? "no embedder is available")
            return
        }
        while !stopped {
            let pending = try await store.pendingChunks(of: runID, limit: tuning.chunksPerEmbedding)
            if pending.isEmpty {
                if textDone {
                    let now = Timestamp.now()
                    progress.finish(.embed, at: now, failed: progress.error != nil)
                    if progress.error == nil { progress.semanticReadyAt = now }
                    try await store.savePipelineProgress(progress, of: runID)
                    return
                }
                try await Task.sleep(for: tuning.pollInterval)
                continue
            }
            progress.start(.embed, at: Timestamp.now())
            switch await embedWithRetries(pending.map(\.text), embedder) {
            case .success(let vectors):
                let rows = zip(pending, vectors).map { (chunkID: $0.id, vector: $1) }
                progress.chunks.embedded += rows.count
                let model = storedModel ?? embedder.model
                let completed = try await store.saveVectors(rows, model: model, of: runID, progress: progress)
                progress.documents.embedded += completed
                try await store.savePipelineProgress(progress, of: runID)
                dependencies.vectors.add(rows, model: model, runKey: runKey)
            case .failure(let error):
                progress.error = "embedding failed: \(error.message)"
                let failed = try await store.failDocuments(of: pending, reason: progress.error!, of: runID, progress: progress)
                progress.documents.failed += failed
                try await store.savePipelineProgress(progress, of: runID)
            }
        }
    }

    /// Embeds `texts`, waiting and retrying while the failure is retryable.
    private func embedWithRetries(_ texts: [String], _ embedder: any Embedder) async -> Result<[[Float]], EmbedError> {
        var wait = tuning.retryBaseDelay
        var attempt = 1
        while true {
            do throws(EmbedError) {
                let vectors = try await embedder.embed(texts)
                guard vectors.count == texts.count else {
                    return .failure(EmbedError(.invalidResponse, "\(vectors.count) vectors for \(texts.count) texts"))
                }
                return .success(vectors)
            } catch {
                guard error.isRetryable, attempt < tuning.embedAttempts, !stopped else { return .failure(error) }
                dependencies.logger.warning("embedding failed (attempt \(attempt)), retrying: \(error.message)")
                try? await Task.sleep(for: wait)
                wait = min(wait * 2, tuning.maxRetryDelay)
                attempt += 1
            }
        }
    }

    /// Marks every chunk's document failed, batch by batch, as the document loop produces them.
    private func failEverything(reason: String) async throws {
        progress.error = reason
        while !stopped {
            let pending = try await store.pendingChunks(of: runID, limit: 500)
            if pending.isEmpty {
                if textDone {
                    progress.finish(.embed, at: Timestamp.now(), failed: true)
                    try await store.savePipelineProgress(progress, of: runID)
                    return
                }
                try await Task.sleep(for: tuning.pollInterval)
                continue
            }
            progress.documents.failed += try await store.failDocuments(of: pending, reason: reason, of: runID,
                                                                       progress: progress)
            try await store.savePipelineProgress(progress, of: runID)
        }
    }
}
