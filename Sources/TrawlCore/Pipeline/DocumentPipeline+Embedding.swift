import Foundation

/// The embedding loop: vectors for the chunks the document loop stored.
extension DocumentPipeline {
    /// A batch's result: vectors for the chunks that got them, and the chunks that failed with why.
    struct BatchOutcome {
        var rows: [(chunkID: Int64, vector: [Float])] = []
        var failures: [(chunks: [PendingChunk], error: EmbedError)] = []
        /// True when the failures are the embedder's (an outage, a refused key), not the documents': the embed
        /// step then fails as a whole and semantic search is not ready. A document the embedder alone refuses
        /// fails by itself, and the rest of the run is ready without it.
        var systemic = false
    }

    func embedLoop() async throws {
        guard let model = storedModel, let acquire = dependencies.acquireEmbedder else { return }
        do {
            try await embedChunks(model: model, acquire: acquire)
        } catch {
            await releaseClaims()
            throw error
        }
        await releaseClaims()
    }

    private func embedChunks(model: String, acquire: @escaping @Sendable () async -> Result<any Embedder, EmbedError>) async throws {
        // Asked for up front, so that a configuration the run cannot embed with (model files missing, endpoint
        // refused) is reported even when the run has no chunks; asked again before each batch while it fails.
        var embedder = await acquireEmbedder(acquire)
        let runID = runID
        // Whether this pipeline embedded or failed anything: one resumed on a run already ready leaves its times be.
        var worked = false
        while !stopped {
            // Read before the chunks: text finished before this read means no chunk can appear after it.
            let textWasDone = textDone
            let pending = try await nextChunks()
            if pending.isEmpty {
                // Chunks other processes hold are not done until they are written and counted here.
                if let shared = dependencies.sharedEmbedding {
                    try await adopt(startingAt: nil)
                    if try await shared.embeddingOutstanding(of: runID) {
                        try await Task.sleep(for: tuning.pollInterval)
                        continue
                    }
                }
                if textWasDone {
                    if !worked, progress.semanticReadyAt != nil { return }
                    // An outage that began before any chunk needed the embedder may be over: ask once more before
                    // reporting it (a run whose vectors were all copied needs none, but its queries will).
                    if case .failure(let error) = embedder, error.isRetryable { embedder = await acquireEmbedder(acquire) }
                    let now = Timestamp.now()
                    let missing = if case .failure(let error) = embedder { error } else { EmbedError?.none }
                    try await save { progress in
                        if let missing { progress.error = "embedding failed: \(missing.message)" }
                        let refused = progress.documents.failed - progress.documents.parseFailed
                        if progress.error == nil, refused > 0, progress.chunks.embedded == 0 {
                            progress.error = "embedding failed: none of the run's \(refused) document(s) could be embedded"
                        }
                        progress.finish(.embed, at: now, failed: progress.error != nil)
                        if progress.error == nil { progress.semanticReadyAt = now }
                    }
                    return
                }
                try await Task.sleep(for: tuning.pollInterval)
                continue
            }
            worked = true
            if case .failure = embedder { embedder = await acquireEmbedder(acquire) }
            // A configured model that cannot be had fails the batch, and says why, like a batch that keeps failing.
            let outcome = switch embedder {
            case .success(let model): await embedBatch(pending, with: model)
            case .failure(let error): BatchOutcome(failures: [(pending, error)], systemic: true)
            }
            if !outcome.rows.isEmpty { try await write(outcome.rows, model: model) }
            for (chunks, error) in outcome.failures {
                if stopped { return }  // cancelled, not failed: the next pipeline picks these chunks up
                let reason = "embedding failed: \(error.message)"
                dependencies.logger.warning("embedding chunks of run \(runID) failed: \(error)")
                let systemic = outcome.systemic
                try await commitAdjusted({ progress in if systemic { progress.error = reason } }, { progress in
                    ((), try await self.store.failDocuments(of: chunks, reason: reason, of: runID, progress: progress))
                })
            }
        }
    }

    /// The next chunks to embed: claimed for this pipeline when other processes may embed the run too, else read.
    private func nextChunks() async throws(StoreError) -> [PendingChunk] {
        guard let shared = dependencies.sharedEmbedding else {
            return try await store.pendingChunks(of: runID, limit: tuning.chunksPerEmbedding)
        }
        let now = Date()
        let claimed = try await shared.claimChunks(of: runID, holder: embedHolder, limit: tuning.chunksPerEmbedding,
                                                   now: now, until: now.addingTimeInterval(tuning.embedClaimLease.seconds))
        heldChunks = claimed.map(\.id)
        return claimed
    }

    /// Extends the claims on the batch being embedded, before a retry: retries with their waits can outlast a claim,
    /// and a batch taken over meanwhile would be embedded twice.
    func extendClaims() async {
        guard let shared = dependencies.sharedEmbedding, !heldChunks.isEmpty else { return }
        do {
            try await shared.extendClaims(on: heldChunks, of: runID, holder: embedHolder,
                                          until: Date().addingTimeInterval(tuning.embedClaimLease.seconds))
        } catch {
            dependencies.logger.warning("could not extend the claims on chunks of run \(runID): \(error)")
        }
    }

    /// Writes a batch's vectors and counts them (with the documents they completed) into the progress. Shared, the
    /// vectors are written as any helper's are and counted with theirs, so one path counts every vector once.
    private func write(_ rows: [(chunkID: Int64, vector: [Float])], model: String) async throws {
        let runID = runID
        let now = Timestamp.now()
        if let shared = dependencies.sharedEmbedding {
            try await shared.saveClaimedVectors(rows, model: model, holder: embedHolder)
            try await adopt(startingAt: now)
            return
        }
        try await commitAdjusted({ progress in
            progress.start(.embed, at: now)
            progress.chunks.embedded += rows.count
        }, { progress in
            // The store adds the documents this batch completed to the progress it writes, in one transaction.
            ((), try await self.store.saveVectors(rows, model: model, of: runID, progress: progress))
        })
        dependencies.vectors.add(rows, model: model, runKey: runKey)
    }

    /// Counts the vectors written for the run since the last count (this pipeline's and helpers') and adds them to the
    /// in-memory index; `startingAt` marks the embed step started (this pipeline embedded a batch itself).
    private func adopt(startingAt start: Date?) async throws {
        guard let shared = dependencies.sharedEmbedding else { return }
        let runID = runID
        let vectors = try await commitAdjusted({ progress in if let start { progress.start(.embed, at: start) } }, { progress in
            try await shared.adoptVectors(of: runID, progress: progress)
        })
        for (model, members) in Dictionary(grouping: vectors, by: \.model) {
            dependencies.vectors.add(members.map { ($0.chunkID, $0.vector) }, model: model, runKey: runKey)
        }
    }

    /// Gives back the chunks this pipeline holds, so that the next one (or a helper) need not wait for the claims to
    /// expire.
    private func releaseClaims() async {
        guard let shared = dependencies.sharedEmbedding else { return }
        do {
            try await shared.releaseChunks(heldChunks, of: runID, holder: embedHolder)
            heldChunks = []
        } catch {
            dependencies.logger.warning("could not release the chunks of run \(runID): \(error)")
        }
    }

    /// Attempts per batch: the full count, or one while an outage lasts.
    private var attempts: Int { outage ? 1 : tuning.embedAttempts }

    /// Asks for the run's embedder, retrying an outage like a batch; an outage that outlasts the retries makes
    /// later attempts single, as a failing batch does.
    private func acquireEmbedder(_ acquire: @Sendable () async -> Result<any Embedder, EmbedError>) async
        -> Result<any Embedder, EmbedError> {
        let result = await withRetries(attempts: attempts) { () throws(EmbedError) in try await acquire().get() }
        switch result {
        case .success: outage = false
        case .failure(let error) where error.isRetryable: outage = true
        case .failure: break
        }
        return result
    }

    /// Embeds a batch. When the embedder refuses it for good (not an outage: an input it will not take), each
    /// document's chunks are tried on their own, so only the documents at fault fail; when none of them gets
    /// through, the fault is the embedder's after all.
    private func embedBatch(_ pending: [PendingChunk], with embedder: any Embedder) async -> BatchOutcome {
        var order: [Int64] = []
        var byDocument: [Int64: [PendingChunk]] = [:]
        for chunk in pending {
            if byDocument[chunk.documentID] == nil { order.append(chunk.documentID) }
            byDocument[chunk.documentID, default: []].append(chunk)
        }
        switch await embed(pending.map(\.text), with: embedder) {
        case .success(let vectors):
            outage = false
            return BatchOutcome(rows: zip(pending, vectors).map { ($0.id, $1) })
        case .failure(let error) where error.isSystemic || outage:
            outage = true
            return BatchOutcome(failures: [(pending, error)], systemic: true)
        case .failure(let error) where order.count == 1:
            return BatchOutcome(failures: [(pending, error)])
        case .failure:
            var outcome = BatchOutcome()
            for document in order {
                guard let chunks = byDocument[document], !stopped else { continue }
                await extendClaims()  // one call per document can outlast the batch's claim
                switch await embed(chunks.map(\.text), with: embedder) {
                case .success(let vectors): outcome.rows += zip(chunks, vectors).map { ($0.id, $1) }
                case .failure(let error):
                    outcome.failures.append((chunks, error))
                    // An outage that starts midway is not this document's fault.
                    if error.isSystemic { outcome.systemic = true }
                }
            }
            if outcome.rows.isEmpty || outcome.systemic {
                outage = true
                outcome.systemic = true
            }
            return outcome
        }
    }

    /// Embeds `texts` with `embedder`, retrying outages, and checks one vector came back per text.
    private func embed(_ texts: [String], with embedder: any Embedder) async -> Result<[[Float]], EmbedError> {
        await withRetries(attempts: attempts) { () throws(EmbedError) in
            let vectors = try await embedder.embed(texts)
            guard vectors.count == texts.count else {
                throw EmbedError(.invalidResponse, "\(vectors.count) vectors for \(texts.count) texts")
            }
            return vectors
        }
    }

    /// Runs `operation`, waiting and retrying while its failure is retryable (an outage, a rate limit), up to
    /// `attempts` attempts with doubling waits.
    private func withRetries<T>(attempts: Int, _ operation: () async throws(EmbedError) -> T) async -> Result<T, EmbedError> {
        var wait = tuning.retryBaseDelay
        var attempt = 1
        while true {
            do throws(EmbedError) {
                return .success(try await operation())
            } catch {
                guard error.isRetryable, attempt < attempts, !stopped, !Task.isCancelled else { return .failure(error) }
                dependencies.logger.warning("embedding failed (attempt \(attempt)), retrying: \(error)")
                await extendClaims()
                do { try await Task.sleep(for: wait) } catch { return .failure(EmbedError(.unavailable, "cancelled")) }
                wait = min(wait * 2, tuning.maxRetryDelay)
                attempt += 1
            }
        }
    }
}
