import Foundation
import Logging

/// Embeds chunks of runs whose pipelines run elsewhere (or nowhere yet), so that embedding scales with the processes
/// that have a model or an embedding provider: each step claims a batch of one run's chunks nobody holds, embeds them
/// and writes the vectors; the run's pipeline counts them.
///
/// A helper leaves every judgement to the run's pipeline: a batch that fails here (an outage, an input the embedder
/// refuses, a model it cannot load) is given back at once and the run rests for `restAfterFailure`, so the pipeline,
/// which retries, fails single documents and reports outages, meets the same chunks.
public actor EmbeddingHelper {
    private let store: any SharedEmbeddingStore
    private let acquire: @Sendable (PipelineOptions.Embedding) async -> Result<any Embedder, EmbedError>
    private let tuning: PipelineTuning
    private let logger: Logger
    /// Whose claims this helper's are.
    public nonisolated let holder = UUID()
    /// Runs whose last batch failed here, and until when they are left to their pipeline.
    private var resting: [RunID: ContinuousClock.Instant] = [:]
    /// How long a run whose batch failed here is left alone.
    private let restAfterFailure: Duration = .seconds(30)

    /// A helper claiming through `store` and embedding with what `acquire` hands out for a run's choice.
    public init(store: any SharedEmbeddingStore, tuning: PipelineTuning, logger: Logger,
                acquire: @escaping @Sendable (PipelineOptions.Embedding) async -> Result<any Embedder, EmbedError>) {
        self.store = store
        self.tuning = tuning
        self.logger = logger
        self.acquire = acquire
    }

    /// Embeds one batch of one run with chunks nobody holds, other than the `skipping` runs (those whose pipeline runs
    /// in this process already embeds them). Returns how many vectors it wrote: 0 when it found nothing to do or the
    /// batch failed.
    public func step(skipping: Set<RunID> = []) async -> Int {
        let now = ContinuousClock.now
        resting = resting.filter { $0.value > now }
        let runs: [Run]
        do {
            // Left out in the query, so that runs this helper may not take never crowd out those it may.
            runs = try await store.runsWithUnclaimedChunks(now: Date(), excluding: skipping.union(resting.keys), limit: 16)
        } catch {
            logger.warning("embedding helper could not look for work: \(error)")
            return 0
        }
        for run in runs {
            guard let choice = run.config.pipeline.embedding else { continue }
            let claimed: [PendingChunk]
            do {
                let now = Date()
                claimed = try await store.claimChunks(of: run.id, holder: holder, limit: tuning.chunksPerEmbedding,
                                                      now: now, until: now.addingTimeInterval(tuning.embedClaimLease.seconds))
            } catch {
                logger.warning("embedding helper could not claim chunks of run \(run.id): \(error)")
                continue
            }
            guard !claimed.isEmpty else { continue }
            return await embed(claimed, of: run.id, with: choice)
        }
        return 0
    }

    /// Embeds `chunks` and writes their vectors; on any failure gives them back and rests the run.
    private func embed(_ chunks: [PendingChunk], of runID: RunID, with choice: PipelineOptions.Embedding) async -> Int {
        do throws(EmbedError) {
            let embedder = try await acquire(choice).get()
            let vectors = try await embedder.embed(chunks.map(\.text))
            guard vectors.count == chunks.count else {
                throw EmbedError(.invalidResponse, "\(vectors.count) vectors for \(chunks.count) texts")
            }
            return try await save(zip(chunks, vectors).map { ($0.id, $1) }, model: choice.storedModel, of: runID)
        } catch {
            logger.info("embedding helper left run \(runID) to its pipeline: \(error.message)")
            resting[runID] = .now + restAfterFailure
            do {
                try await store.releaseChunks(chunks.map(\.id), of: runID, holder: holder)
            } catch {
                // The claims expire on their own.
                logger.warning("embedding helper could not give back chunks of run \(runID): \(error)")
            }
            return 0
        }
    }

    private func save(_ rows: [(chunkID: Int64, vector: [Float])], model: String, of runID: RunID) async throws(EmbedError) -> Int {
        do {
            return try await store.saveClaimedVectors(rows, model: model, holder: holder)
        } catch {
            // Written by nobody: the claims expire and the chunks are embedded again.
            throw EmbedError(.unavailable, "the store would not take the vectors: \(error.message)", detail: error.detail)
        }
    }
}
