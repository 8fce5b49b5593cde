/// Stores what the pipeline makes of pages: documents, chunks, the full-text index and vectors.
public protocol DocumentStore: Sendable {
    /// The run's pipeline progress as last written (all zero before the pipeline first ran).
    func pipelineProgress(of runID: RunID) async throws(StoreError) -> PipelineProgress
    /// The latest live document of each URL in the job's runs other than `runID` (none where the latest is a
    /// tombstone).
    func previousDocuments(jobID: JobID, urls: [String], excluding runID: RunID) async throws(StoreError) -> [String: PreviousDocument]
    /// Writes documents (their chunks into the full-text index at once) and the progress, in one transaction;
    /// returns the vectors copied with unchanged documents' chunks, for the in-memory index.
    func commitDocuments(_ writes: [DocumentWrite], of runID: RunID,
                         progress: PipelineProgress) async throws(StoreError) -> [StoredVector]
    /// Chunks of the run without a vector, oldest first.
    func pendingChunks(of runID: RunID, limit: Int) async throws(StoreError) -> [PendingChunk]
    /// Saves vectors and the progress in one transaction, the progress's `documents.embedded` raised by the
    /// documents this batch completed; returns the progress as written.
    func saveVectors(_ vectors: [(chunkID: Int64, vector: [Float])], model: String, of runID: RunID,
                     progress: PipelineProgress) async throws(StoreError) -> PipelineProgress
    /// Marks the documents of `chunks` failed with `reason` (none of their chunks will be embedded) and saves the
    /// progress with `documents.failed` raised by the documents newly failed; returns the progress as written.
    func failDocuments(of chunks: [PendingChunk], reason: String, of runID: RunID,
                       progress: PipelineProgress) async throws(StoreError) -> PipelineProgress
    /// Writes a tombstone (change `delete`) for every URL whose latest document in the job's earlier runs is live and
    /// that has no document in this run, and saves the progress with `documents.deletes` raised by their number;
    /// returns the progress as written.
    func commitDisappeared(of runID: RunID, progress: PipelineProgress) async throws(StoreError) -> PipelineProgress
    /// Saves the progress alone.
    func savePipelineProgress(_ progress: PipelineProgress, of runID: RunID) async throws(StoreError)
    /// The store's compact key of a run (what vectors are tagged with).
    func runKey(of runID: RunID) async throws(StoreError) -> Int64
}
