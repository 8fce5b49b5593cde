import Foundation
import Logging
import TrawlCore

/// Runs the document pipelines of this process: one per run that has pages still to index or embed. Started with
/// each run (the pipeline follows the crawl as it goes), and at start-up for every run whose pipeline was cut
/// short by a restart; it also fills the in-memory vector index from the store.
public actor PipelineManager {
    /// Pages, documents, vectors and the claims that say which process carries a pipeline: nothing else of the store.
    private let store: any PipelineStore & VectorStore & RunClaims
    private let claims: RunClaimKeeper
    private let extractor: any ContentExtracting
    private let embedders: any EmbedderProviding
    private let contentHash: @Sendable (String) -> String
    private let logger: Logger
    private let tuning: PipelineTuning
    /// The vectors every search scans.
    public nonisolated let vectors: VectorIndex
    /// Brings in vectors that other processes on the store embedded, before a search reads `vectors`.
    nonisolated let catchUp: VectorCatchUp
    private var active: [RunID: (pipeline: DocumentPipeline, task: Task<PipelineProgress, Never>)] = [:]
    private var stopping = false
    /// Extracts pages and embeds chunks of runs whose pipelines run elsewhere, when this process shares runs
    /// (`helpOtherPipelines`).
    private var helping: Task<Void, Never>?
    /// Looks for pipelines that processes which died left unfinished (`startSweeping`).
    private var sweeping: Task<Void, Never>?
    /// Runs the sweep started a pipeline for, and until when it leaves them alone.
    private var sweptRecently: [RunID: ContinuousClock.Instant] = [:]

    init(store: any PipelineStore & VectorStore & RunClaims, claims: RunClaimKeeper, extractor: any ContentExtracting,
         embedders: any EmbedderProviding, vectors: VectorIndex,
         contentHash: @escaping @Sendable (String) -> String, tuning: PipelineTuning, logger: Logger) {
        self.store = store
        self.claims = claims
        self.extractor = extractor
        self.embedders = embedders
        self.vectors = vectors
        catchUp = VectorCatchUp(store: store, vectors: vectors, interval: .seconds(2))
        self.contentHash = contentHash
        self.tuning = tuning
        self.logger = logger
    }

    /// Starts the pipeline of `run` unless it runs already (here, or in another process holding the run's claim) or
    /// has nothing left to do.
    public func start(_ run: Run) async {
        guard !stopping, active[run.id] == nil, run.config.pipeline.enabled,
              !Self.isComplete(run) else { return }
        guard (try? await claims.claim(run.id)) == true else { return }
        // Checked again after the await: a second start of the same run may have won meanwhile.
        guard !stopping, active[run.id] == nil else {
            await claims.release(run.id)
            return
        }
        var acquire: (@Sendable () async -> Result<any Embedder, EmbedError>)?
        if let choice = run.config.pipeline.embedding {
            let embedders = embedders
            acquire = { await embedders.embedder(for: choice) }
        }
        let dependencies = PipelineDependencies(store: store, extractor: extractor, tokens: embedders.tokens,
                                                acquireEmbedder: acquire, vectors: vectors,
                                                contentHash: contentHash, logger: logger)
        let pipeline = DocumentPipeline(run: run, dependencies: dependencies, tuning: tuning)
        let id = run.id
        let task = Task { [weak self] in
            let progress = await pipeline.run()
            await self?.ended(id)
            return progress
        }
        active[id] = (pipeline, task)
        // Marked begun before this returns (a launch starts its crawl after it), so no run finishes looking as if its
        // pipeline never began. A store error here is met again, and logged, by the pipeline itself.
        try? await pipeline.begin()
    }

    /// Loads every stored vector into the index, then restarts the pipelines a previous process left unfinished.
    public func recover() async throws(StoreError) {
        try await loadVectors()
        try await recoverPipelines()
    }

    /// Restarts the pipelines no live process runs: runs still crawling, and runs whose pipeline had begun. A finished
    /// run that never had one (crawled with --no-index, or before this version) is indexed on request (`trawl index`),
    /// not all at once at start-up.
    public func recoverPipelines() async throws(StoreError) {
        for run in try await store.claimableRuns(withStatus: RunStatus.allCases, executor: claims.executor, now: Date()) where !Self.isComplete(run)
            && (run.status != .finished || run.pipeline.pageCursor > 0 || run.pipeline.beganAt != nil) {
            await start(run)
        }
    }

    /// Loads every stored vector into the index (what a search without a server needs).
    public func loadVectors() async throws(StoreError) {
        var after: Int64 = 0
        while true {
            let batch = try await store.vectors(after: after, limit: 4_096)
            guard let last = batch.last else { break }
            for (shelf, members) in Dictionary(grouping: batch, by: { Shelf(runKey: $0.runKey, model: $0.model) }) {
                vectors.add(members.map { ($0.chunkID, $0.vector) }, model: shelf.model, runKey: shelf.runKey)
                await catchUp.noteRead(shelf.runKey, upTo: members.map(\.chunkID).max() ?? 0)
            }
            after = last.chunkID
        }
    }

    /// Tells the pipeline of `run` that its crawl is over, as the engine left it: a pipeline otherwise learns that
    /// from the store, which cannot say so when it could not record it (a full disk).
    public func crawlEnded(_ run: Run) async {
        guard run.status == .finished, let entry = active[run.id] else { return }
        await entry.pipeline.crawlEnded()
    }

    /// Whether the pipeline of `id` is still running in this process.
    public func isActive(_ id: RunID) -> Bool { active[id] != nil }

    /// Waits for the pipeline of `id` to end (its documents indexed and embedded) and returns its progress.
    public func finished(_ id: RunID) async -> PipelineProgress? {
        guard let entry = active[id] else { return nil }
        return await entry.task.value
    }

    /// Stops a run's pipeline (before the run is deleted) and waits for it.
    public func stop(_ id: RunID) async {
        guard let entry = active[id] else { return }
        await entry.pipeline.stop()
        _ = await entry.task.value
    }

    /// Extracts and embeds, beside this process's own pipelines, pages and chunks of runs whose pipelines run elsewhere
    /// (or nowhere yet), looking for work every `interval` while there is none: how a run's pipeline work spreads over
    /// the workers sharing a store that can share it (PostgreSQL). Does nothing on a store that cannot.
    public func helpOtherPipelines(every interval: Duration) {
        guard helping == nil, !stopping else { return }
        let embedders = embedders
        let embedding = (store as? any SharedEmbeddingStore).map { shared in
            EmbeddingHelper(store: shared, tuning: tuning, logger: logger) { choice in await embedders.embedder(for: choice) }
        }
        let extraction = (store as? any SharedExtractionStore).map { shared in
            ExtractionHelper(store: shared, pages: store, extractor: extractor, tokens: embedders.tokens,
                             contentHash: contentHash, tuning: tuning, logger: logger)
        }
        guard embedding != nil || extraction != nil else { return }
        helping = Task { [weak self] in
            while !Task.isCancelled, let self {
                let skipping = await self.activeRuns
                let extracted = await extraction?.step(skipping: skipping) ?? 0
                let embedded = await embedding?.step(skipping: skipping) ?? 0
                if extracted == 0 && embedded == 0 { try? await Task.sleep(for: interval) }
            }
        }
    }

    /// Looks every `interval` for pipelines of runs that are not running which a process that died left unfinished
    /// (a crawl's own pipeline restarts with its run), and carries them on here.
    public func startSweeping(every interval: Duration) {
        guard sweeping == nil, !stopping else { return }
        sweeping = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                await self.sweep()
            }
        }
    }

    /// Starts, within this pass, the unfinished pipelines nobody runs. A pipeline this sweep started that ended
    /// unfinished (a store error it could not get past) is tried again after a minute, not at every sweep.
    func sweep() async {
        let now = ContinuousClock.now
        sweptRecently = sweptRecently.filter { $0.value > now }
        do {
            for run in try await store.runsWithUnfinishedPipelines(executor: claims.executor, now: Date(), limit: 32)
            where active[run.id] == nil && sweptRecently[run.id] == nil {
                sweptRecently[run.id] = now + .seconds(60)
                await start(run)
            }
        } catch {
            // Cancelled: the process is shutting down, and the next sweep is another process's.
            guard !Task.isCancelled else { return }
            logger.warning("could not look for unfinished pipelines: \(error)")
        }
    }

    /// The runs whose pipelines run in this process.
    private var activeRuns: Set<RunID> { Set(active.keys) }

    /// Stops every pipeline at its next step; they resume from their cursors at the next start.
    public func shutdown() async {
        stopping = true
        for task in [helping, sweeping] {
            task?.cancel()
            await task?.value
        }
        helping = nil
        sweeping = nil
        let all = active.values
        for entry in all { await entry.pipeline.stop() }
        for entry in all { _ = await entry.task.value }
    }

    /// Vectors are added to the index per run and model.
    private struct Shelf: Hashable {
        let runKey: Int64
        let model: String
    }

    private func ended(_ id: RunID) async {
        active[id] = nil
        await claims.release(id)
    }

    /// True when nothing is left to do: the text is indexed and, if the run embeds, the vectors are done or failed.
    static func isComplete(_ run: Run) -> Bool {
        let pipeline = run.pipeline
        guard run.config.pipeline.enabled else { return true }
        guard pipeline.textIndexedAt != nil else { return false }
        guard run.config.pipeline.embedding != nil else { return true }
        return pipeline.semanticReadyAt != nil || pipeline.stages[.embed]?.finishedAt != nil
    }
}
