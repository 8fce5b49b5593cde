import Foundation

/// How far a run's documents have come through the pipeline: the counters, stage states and readiness the run
/// object shows. Written by the pipeline only (never by the crawl loop), with the rows it counts; stored in one layout
/// (`PipelineProgress+Layout`).
public struct PipelineProgress: Sendable, Equatable {
    /// Document counters.
    public struct Documents: Sendable, Equatable {
        /// Pages the pipeline has looked at (every stored page, HTML or not).
        public var seen = 0
        /// HTML pages whose main content was extracted.
        public var parsed = 0
        /// Documents cut into chunks.
        public var chunked = 0
        /// Documents whose every chunk has a vector.
        public var embedded = 0
        /// Documents in the full-text index.
        public var indexed = 0
        /// Documents that failed a stage (the document says why).
        public var failed = 0
        /// Of those, the ones whose content could not be extracted (the parse step's failures); the rest failed
        /// to embed.
        public var parseFailed = 0
        /// Pages that are not documents: redirects, error statuses, non-HTML bodies.
        public var skipped = 0
        /// New, changed and unchanged documents compared with the job's previous run.
        public var adds = 0
        public var updates = 0
        public var unchanged = 0
        /// Documents of the job's previous runs that this run found gone: the URL answered 404 or 410, or (in a
        /// run that crawled to its natural end) no longer appeared.
        public var deletes = 0

        public init() {}
    }

    /// Chunk counters.
    public struct Chunks: Sendable, Equatable {
        public var created = 0
        public var embedded = 0
        public var indexed = 0

        public init() {}
    }

    public var documents = Documents()
    public var chunks = Chunks()
    /// When a pipeline first ran for the run. A restart carries on a pipeline that began, even one stopped before its
    /// first batch was written (`pageCursor` still 0), and leaves alone a run that never had one (`--no-index`).
    public var beganAt: Date?
    /// The last page (store sequence) the pipeline has taken in: where it resumes after a restart.
    public var pageCursor: Int64 = 0
    /// When each stage began and ended.
    public var stages: [PipelineStage: StageTimes] = [:]
    /// A stage failed for good (the embedder kept failing): why.
    public var error: String?
    /// When every fetched document was in the full-text index, the crawl being over.
    public var textIndexedAt: Date?
    /// When every chunk was embedded and in the vector index, the text being indexed.
    public var semanticReadyAt: Date?

    /// Nothing done yet.
    public init() {}

    /// Start and end of a stage.
    public struct StageTimes: Sendable, Equatable {
        public var startedAt: Date?
        public var finishedAt: Date?
        public var failed = false

        public init(startedAt: Date? = nil, finishedAt: Date? = nil) {
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }

    /// Marks `stage` started at `date` unless it already was.
    public mutating func start(_ stage: PipelineStage, at date: Date) {
        if stages[stage]?.startedAt == nil { stages[stage, default: StageTimes()].startedAt = date }
    }

    /// Marks `stage` finished at `date` (started too, if it never was).
    public mutating func finish(_ stage: PipelineStage, at date: Date, failed: Bool = false) {
        start(stage, at: date)
        stages[stage]?.finishedAt = date
        stages[stage]?.failed = failed
    }
}

/// The stages a document goes through after the fetch.
public enum PipelineStage: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
    case parse, chunk, embed, index
}
