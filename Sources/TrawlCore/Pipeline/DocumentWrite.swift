/// One page's outcome as the pipeline writes it: a document with new chunks, a document whose chunks (and vectors)
/// are copied from the job's previous run because its content did not change, a document that failed, or the
/// tombstone of a document that is gone.
public struct DocumentWrite: Sendable {
    /// How the document compares with the same URL in the job's previous run.
    public enum Change: String, Sendable, Codable, CaseIterable {
        case add, update, unchanged
        /// The URL's earlier document is gone (404/410, or no longer linked); the row is a tombstone.
        case delete
    }

    /// What goes into the store.
    public enum Content: Sendable {
        /// Chunks to store and index (their vectors come later).
        case chunks([Chunk])
        /// The previous run's document with this ID has the same content: copy its chunks and vectors.
        case copy(fromDocument: Int64)
        /// Processing failed; nothing is indexed.
        case failed(String)
        /// A tombstone: the URL's document is gone.
        case deleted
    }

    public var pageSequence: Int64
    public var url: String
    public var title: String?
    public var language: String?
    public var canonicalURL: String?
    /// Hex SHA-256 of the extracted Markdown: what "unchanged" compares.
    public var contentSHA256: String
    public var change: Change
    public var content: Content
    /// Hex SHA-256 of the page's payload, and the pipeline settings the document was made with: a later run whose
    /// page has the same payload and recipe carries the document forward without extracting it again.
    public var payloadSHA256: String?
    public var recipe: String?

    /// A write with every field given.
    public init(pageSequence: Int64, url: String, title: String?, language: String?, canonicalURL: String?,
                contentSHA256: String, change: Change, content: Content) {
        self.pageSequence = pageSequence
        self.url = url
        self.title = title
        self.language = language
        self.canonicalURL = canonicalURL
        self.contentSHA256 = contentSHA256
        self.change = change
        self.content = content
    }
}

/// The same URL's document in the job's previous run, as change detection needs it.
public struct PreviousDocument: Sendable, Equatable {
    public var id: Int64
    public var contentSHA256: String
    /// What the document was made from and how (nil for documents written before re-crawls were conditional).
    public var payloadSHA256: String?
    public var recipe: String?
    public var title: String?
    public var language: String?
    public var canonicalURL: String?
    /// The model every chunk of it was embedded with; nil when some chunk has no vector (or it has no chunks).
    public var embeddedWith: String?
    public var chunkCount: Int

    /// A previous document with every field given.
    public init(id: Int64, contentSHA256: String, embeddedWith: String?, chunkCount: Int) {
        self.id = id
        self.contentSHA256 = contentSHA256
        self.embeddedWith = embeddedWith
        self.chunkCount = chunkCount
    }
}

/// A chunk waiting for its vector.
public struct PendingChunk: Sendable, Equatable {
    public var id: Int64
    public var documentID: Int64
    public var text: String

    /// A pending chunk.
    public init(id: Int64, documentID: Int64, text: String) {
        self.id = id
        self.documentID = documentID
        self.text = text
    }
}

/// A stored vector, as the in-memory vector index loads it.
public struct StoredVector: Sendable {
    public var chunkID: Int64
    public var runKey: Int64
    public var model: String
    public var vector: [Float]

    /// A stored vector.
    public init(chunkID: Int64, runKey: Int64, model: String, vector: [Float]) {
        self.chunkID = chunkID
        self.runKey = runKey
        self.model = model
        self.vector = vector
    }
}
