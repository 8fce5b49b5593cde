import Logging

/// What a run's document pipeline needs from outside the core; the runtime supplies the adapters.
public struct PipelineDependencies: Sendable {
    public var store: any PipelineStore
    public var extractor: any ContentExtracting
    public var tokens: any TokenCounting
    /// Hands out the run's embedder, or why it cannot be had now (model files missing, endpoint down or refused);
    /// nil when the run does not embed. Asked again after a failure, so an outage at the start heals.
    public var acquireEmbedder: (@Sendable () async -> Result<any Embedder, EmbedError>)?
    public var vectors: VectorIndex
    /// Hex digest of extracted content, for change detection between runs.
    public var contentHash: @Sendable (String) -> String
    public var logger: Logger
    /// Where chunks are claimed before they are embedded, when other processes may embed the run's chunks too (a store
    /// that can share the work: PostgreSQL); nil when this pipeline alone embeds them.
    public var sharedEmbedding: (any SharedEmbeddingStore)?
    /// Where extractions helpers made ahead of this pipeline are found (PostgreSQL); nil when it extracts alone.
    public var sharedExtraction: (any SharedExtractionStore)?

    /// Dependencies from their parts.
    public init(store: any PipelineStore, extractor: any ContentExtracting, tokens: any TokenCounting,
                acquireEmbedder: (@Sendable () async -> Result<any Embedder, EmbedError>)?, vectors: VectorIndex,
                contentHash: @escaping @Sendable (String) -> String, logger: Logger) {
        self.store = store
        self.extractor = extractor
        self.tokens = tokens
        self.acquireEmbedder = acquireEmbedder
        self.vectors = vectors
        self.contentHash = contentHash
        self.logger = logger
        sharedEmbedding = store as? any SharedEmbeddingStore
        sharedExtraction = store as? any SharedExtractionStore
    }
}

/// Knobs of the pipeline loop; tests shorten the waits.
public struct PipelineTuning: Sendable {
    /// How often to look for new pages while the crawl runs.
    public var pollInterval: Duration = .milliseconds(250)
    /// Pages taken per transaction.
    public var pagesPerBatch = 64
    /// Bytes of bodies (or revisits' payloads) read per batch: 64 pages of 128 MiB would be 8 GiB in memory at once.
    public var bytesPerBatch = 32 << 20
    /// Chunks embedded per call.
    public var chunksPerEmbedding = 32
    /// How long a claim on chunks to embed lasts (shared embedding): longer than one call to the embedder takes, and
    /// how long chunks a dead process held wait before another takes them.
    public var embedClaimLease: Duration = .seconds(60)
    /// Attempts at an embedding batch (or at acquiring the embedder) before its documents are marked failed.
    public var embedAttempts = 6
    /// The first retry wait; doubled each time, capped at `maxRetryDelay`.
    public var retryBaseDelay: Duration = .seconds(1)
    public var maxRetryDelay: Duration = .seconds(30)
    /// Extraction work in parallel.
    public var parallelism = 2

    /// The defaults.
    public init() {}
}
