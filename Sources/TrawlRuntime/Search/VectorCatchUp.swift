import Foundation
import TrawlCore

/// Keeps this process's in-memory vectors level with the store for the runs a search looks at.
///
/// A server embeds the runs it holds and adds their vectors to its index as it goes; with several servers on one
/// store, the vectors of runs embedded elsewhere reach this one here: before a semantic search, each run in scope not
/// caught up within `interval` reads the vectors stored after the last one read from the store for it (per run, in
/// chunk order; the store answers only below the run's first chunk still waiting, since several processes may embed
/// it at once). Vectors this process embedded itself are held once.
actor VectorCatchUp {
    private let store: any VectorStore
    private let vectors: VectorIndex
    private let interval: Duration
    /// Per run: the last chunk ID read from the store, and when.
    private var read: [Int64: (chunkID: Int64, at: ContinuousClock.Instant)] = [:]

    init(store: any VectorStore, vectors: VectorIndex, interval: Duration) {
        self.store = store
        self.vectors = vectors
        self.interval = interval
    }

    /// Reads what is new for `runKeys` (at most every `interval` per run).
    func catchUp(_ runKeys: some Sequence<Int64>) async throws(StoreError) {
        let now = ContinuousClock.now
        for key in runKeys {
            let last = read[key]
            if let last, now - last.at < interval { continue }
            var after = last?.chunkID ?? 0
            while true {
                let batch = try await store.vectors(ofRun: key, after: after, limit: 4_096)
                for (model, members) in Dictionary(grouping: batch, by: \.model) {
                    vectors.add(members.map { ($0.chunkID, $0.vector) }, model: model, runKey: key)
                }
                guard let lastChunk = batch.last else { break }
                after = lastChunk.chunkID
                if batch.count < 4_096 { break }
            }
            read[key] = (after, now)
        }
    }

    /// Records that the store's vectors of `runKey` up to `chunkID` are held (the start-up load read them).
    func noteRead(_ runKey: Int64, upTo chunkID: Int64) {
        read[runKey] = (max(read[runKey]?.chunkID ?? 0, chunkID), ContinuousClock.now)
    }
}
