import Foundation

/// What embedding one run's chunks from many processes needs from the store (PostgreSQL; on SQLite one process embeds).
///
/// Chunks are claimed in batches (`FOR UPDATE SKIP LOCKED`) by a holder until a time from the caller's clock; a claim
/// that expired is anyone's. A vector is written only by the chunk's current holder and only while its document has not
/// failed, so a holder that lost its claim (it stalled, another took the chunks over) writes nothing: each chunk gets one
/// vector, counted once. Helpers' vectors are counted by the run's pipeline (`adoptVectors`), which stays the only
/// writer of the run's pipeline progress.
public protocol SharedEmbeddingStore: Sendable {
    /// Claims up to `limit` chunks of the run that have no vector, have not failed, and that nobody else holds at `now`,
    /// oldest first, for `holder` until `until`.
    func claimChunks(of runID: RunID, holder: UUID, limit: Int, now: Date, until: Date) async throws(StoreError) -> [PendingChunk]
    /// Writes the vectors of chunks `holder` still holds (the others are skipped) for the run's pipeline to count;
    /// returns how many were written.
    @discardableResult
    func saveClaimedVectors(_ vectors: [(chunkID: Int64, vector: [Float])], model: String,
                            holder: UUID) async throws(StoreError) -> Int
    /// Extends `holder`'s claims on `chunkIDs` to `until` (a batch whose embedding is retried outlasts a claim).
    func extendClaims(on chunkIDs: [Int64], of runID: RunID, holder: UUID, until: Date) async throws(StoreError)
    /// Gives back the claims `holder` has on `chunkIDs`.
    func releaseChunks(_ chunkIDs: [Int64], of runID: RunID, holder: UUID) async throws(StoreError)
    /// Counts every vector written for the run since the last adoption, with the documents they completed, into
    /// `progress`, and saves it in the same transaction (when it counted any: a pipeline waiting for helpers asks every
    /// poll); returns those vectors (for the in-memory index) and the progress as written.
    func adoptVectors(of runID: RunID, progress: PipelineProgress) async throws(StoreError)
        -> (vectors: [StoredVector], progress: PipelineProgress)
    /// Whether any chunk of the run still waits for a vector (held by someone or not) or for adoption.
    func embeddingOutstanding(of runID: RunID) async throws(StoreError) -> Bool
    /// Runs other than `excluded` with chunks that wait for a vector and that nobody holds at `now`, oldest first, at
    /// most `limit`: what a helper may embed.
    func runsWithUnclaimedChunks(now: Date, excluding excluded: Set<RunID>, limit: Int) async throws(StoreError) -> [Run]
}
