/// Reads the vectors the pipeline stored, for the in-memory vector index a serving process searches: apart from
/// `DocumentStore`, which the pipeline writes through, since readers of vectors write nothing.
public protocol VectorStore: Sendable {
    /// Vectors of every run, in chunk order after `chunkID`: how the in-memory vector index is rebuilt. A run's vectors
    /// above its first chunk still waiting for one are left out, as in `vectors(ofRun:after:limit:)`.
    func vectors(after chunkID: Int64, limit: Int) async throws(StoreError) -> [StoredVector]
    /// Vectors of one run (by key), in chunk order after `chunkID`: how a process catches up with what another one
    /// embedded. None is returned above a chunk of the run still waiting for its vector, so that a reader moving its
    /// position past what it read never skips a vector written later below it (many processes embed one run).
    func vectors(ofRun runKey: Int64, after chunkID: Int64, limit: Int) async throws(StoreError) -> [StoredVector]
}
