import Foundation

/// Answers searches over indexed chunks and lists what the pipeline made of a run's pages.
public protocol SearchStore: Sendable {
    /// Full-text (BM25) matches of `query.text`, best first, with highlighted snippets.
    func textSearch(_ query: SearchQuery) async throws(StoreError) -> [SearchHit]
    /// The chunks with these IDs (for vector matches), in the order given; missing ones are left out.
    func chunks(ids: [Int64]) async throws(StoreError) -> [SearchHit]
    /// The runs a query may see that embed their chunks, by key, with the embedder each uses.
    func searchableRuns(_ query: SearchQuery) async throws(StoreError) -> [Int64: PipelineOptions.Embedding]
    /// A run's documents in pipeline order, strictly after the document ID `after`.
    func documents(_ query: DocumentQuery) async throws(StoreError) -> [DocumentRecord]
    /// A run's chunks in document order, after the chunk ID `after`, with vectors when asked.
    func exportChunks(of runID: RunID, after: Int64, limit: Int, vectors: Bool) async throws(StoreError) -> [ExportedChunk]
}

/// What to search and where.
public struct SearchQuery: Sendable, Equatable {
    public var tenantID: String
    public var text: String
    public var jobIDs: [JobID] = []
    public var runIDs: [RunID] = []
    public var labels: [String: String] = [:]
    public var limit: Int = 10
    /// Chunks, or pages with passages; the store always ranks chunks (the search service groups them).
    public var grouping: SearchGrouping = .chunk

    /// A query over one tenant's runs.
    public init(tenantID: String, text: String) {
        self.tenantID = tenantID
        self.text = text
    }
}

/// One chunk found.
public struct SearchHit: Sendable, Equatable {
    public var chunkID: Int64
    public var runID: RunID
    public var jobID: JobID
    public var url: String
    public var title: String?
    public var headingPath: [String]
    public var text: String
    /// The passage around the match with matched terms in `<mark>`…`</mark>`.
    public var snippet: String
    /// BM25 (higher is better, as the store reports it negated) for text hits; 0 for hydrated chunks.
    public var score: Double

    /// A hit with every field given.
    public init(chunkID: Int64, runID: RunID, jobID: JobID, url: String, title: String?, headingPath: [String],
                text: String, snippet: String, score: Double) {
        self.chunkID = chunkID
        self.runID = runID
        self.jobID = jobID
        self.url = url
        self.title = title
        self.headingPath = headingPath
        self.text = text
        self.snippet = snippet
        self.score = score
    }
}

/// Filters and keyset position over a run's documents.
public struct DocumentQuery: Sendable, Equatable {
    public var runID: RunID
    public var statuses: [DocumentRecord.Status] = []
    public var after: Int64?
    public var limit: Int = 10

    /// A query over one run's documents.
    public init(runID: RunID) { self.runID = runID }
}

/// A document as listed: where it came from and how far it got.
public struct DocumentRecord: Sendable, Equatable {
    /// Where the document is in the pipeline.
    public enum Status: String, Sendable, CaseIterable {
        /// Extracted, chunked and in the full-text index; vectors pending.
        case indexed
        /// Every chunk has a vector.
        case embedded
        case failed
        /// A tombstone: the document the job's previous run had for this URL is gone.
        case deleted
    }

    public var id: Int64
    public var url: String
    public var title: String?
    public var language: String?
    public var canonicalURL: String?
    public var status: Status
    public var change: DocumentWrite.Change
    public var chunks: Int
    public var error: String?
    public var contentSHA256: String
    public var updatedAt: Date

    /// A record with every field given.
    public init(id: Int64, url: String, title: String?, language: String?, canonicalURL: String?, status: Status,
                change: DocumentWrite.Change, chunks: Int, error: String?, contentSHA256: String, updatedAt: Date) {
        self.id = id
        self.url = url
        self.title = title
        self.language = language
        self.canonicalURL = canonicalURL
        self.status = status
        self.change = change
        self.chunks = chunks
        self.error = error
        self.contentSHA256 = contentSHA256
        self.updatedAt = updatedAt
    }
}

/// A chunk as exported for another vector store.
public struct ExportedChunk: Sendable, Equatable {
    public var id: Int64
    public var url: String
    public var title: String?
    public var headingPath: [String]
    public var index: Int
    public var text: String
    public var start: Int
    public var end: Int
    public var tokenCount: Int
    public var model: String?
    public var embedding: [Float]?

    /// A chunk with every field given.
    public init(id: Int64, url: String, title: String?, headingPath: [String], index: Int, text: String, start: Int,
                end: Int, tokenCount: Int, model: String?, embedding: [Float]?) {
        self.id = id
        self.url = url
        self.title = title
        self.headingPath = headingPath
        self.index = index
        self.text = text
        self.start = start
        self.end = end
        self.tokenCount = tokenCount
        self.model = model
        self.embedding = embedding
    }
}
