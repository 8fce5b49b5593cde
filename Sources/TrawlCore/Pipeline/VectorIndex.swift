import Synchronization

/// Exact cosine search over every stored chunk vector, held in memory as one contiguous float array per model.
///
/// Vectors are L2-normalised, so cosine similarity is a dot product; a scan of 300,000 × 384 floats is ~115 M
/// multiply-adds, tens of milliseconds with SIMD — exact results without an approximate structure to build or
/// tune. Filters (tenant, jobs, runs, labels) arrive as the set of run keys allowed, resolved by the store.
public final class VectorIndex: Sendable {
    private struct Shelf {
        var dimensions: Int
        var chunkIDs: [Int64] = []
        var runKeys: [Int64] = []
        var values: [Float] = []
        /// The chunks held, so a vector added twice (embedded here, then read back from the store) is held once.
        var held: Set<Int64> = []
        /// Each run's rows, ascending: a search scans the runs it may see, not every tenant's vectors.
        var rowsByRun: [Int64: [Int]] = [:]
    }

    private let shelves = Mutex<[String: Shelf]>([:])

    /// An empty index.
    public init() {}

    /// Vectors held for `model`.
    public func count(model: String) -> Int { shelves.withLock { $0[model]?.chunkIDs.count ?? 0 } }

    /// Adds vectors of `model` for chunks of the run with key `runKey`; vectors of another length are ignored.
    public func add(_ vectors: [(chunkID: Int64, vector: [Float])], model: String, runKey: Int64) {
        guard let first = vectors.first else { return }
        shelves.withLock { shelves in
            var shelf = shelves[model] ?? Shelf(dimensions: first.vector.count)
            shelves[model] = nil  // keep the arrays uniquely referenced while appending
            for (chunkID, vector) in vectors where vector.count == shelf.dimensions && !shelf.held.contains(chunkID) {
                shelf.held.insert(chunkID)
                shelf.rowsByRun[runKey, default: []].append(shelf.chunkIDs.count)
                shelf.chunkIDs.append(chunkID)
                shelf.runKeys.append(runKey)
                shelf.values.append(contentsOf: vector)
            }
            shelves[model] = shelf
        }
    }

    /// Forgets the vectors of a deleted run.
    public func remove(runKey: Int64) {
        shelves.withLock { shelves in
            for (model, shelf) in shelves {
                guard shelf.runKeys.contains(runKey) else { continue }
                var kept = Shelf(dimensions: shelf.dimensions)
                for row in shelf.runKeys.indices where shelf.runKeys[row] != runKey {
                    kept.held.insert(shelf.chunkIDs[row])
                    kept.rowsByRun[shelf.runKeys[row], default: []].append(kept.chunkIDs.count)
                    kept.chunkIDs.append(shelf.chunkIDs[row])
                    kept.runKeys.append(shelf.runKeys[row])
                    let start = row * shelf.dimensions
                    kept.values.append(contentsOf: shelf.values[start..<start + shelf.dimensions])
                }
                shelves[model] = kept
            }
        }
    }

    /// The `limit` chunks most similar to `query` among those of `allowedRuns`, best first.
    public func nearest(to query: [Float], model: String, allowedRuns: Set<Int64>, limit: Int) -> [(chunkID: Int64, score: Float)] {
        shelves.withLock { shelves -> [(chunkID: Int64, score: Float)] in
            guard let shelf = shelves[model], shelf.dimensions == query.count, limit > 0 else { return [] }
            var best = TopScores(capacity: limit)
            shelf.values.withUnsafeBufferPointer { values in
                query.withUnsafeBufferPointer { query in
                    // Only the allowed runs' rows: one tenant's search costs what its own vectors do, and holds the
                    // lock that long. The order of runs does not matter: ties keep the lower row (`TopScores`).
                    for run in allowedRuns {
                        for row in shelf.rowsByRun[run] ?? [] {
                            best.offer(Self.dot(query, values, offset: row * shelf.dimensions), row)
                        }
                    }
                }
            }
            return best.sorted().map { (shelf.chunkIDs[$0.row], $0.score) }
        }
    }

    /// The dot product of `a` with the `a.count` floats of `b` starting at `offset`, 16 lanes at a time.
    @inline(__always)
    static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, offset: Int) -> Float {
        let count = a.count
        var sum = SIMD16<Float>()
        var index = 0
        let base = b.baseAddress! + offset
        let query = a.baseAddress!
        while index + 16 <= count {
            let x = UnsafeRawPointer(query + index).loadUnaligned(as: SIMD16<Float>.self)
            let y = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<Float>.self)
            // Multiply, then add: `addProduct` asks for a fused multiply-add, which the x86-64 baseline lacks, so
            // it became one libm `fmaf` call per lane: 60% of a semantic search's 105 ms at 100k chunks.
            sum += x * y
            index += 16
        }
        var total = sum.sum()
        while index < count {
            total += query[index] * base[index]
            index += 1
        }
        return total
    }
}

/// The best `capacity` scores seen, kept in a min-heap so each offer costs O(log k) at most.
struct TopScores {
    private(set) var heap: [(score: Float, row: Int)] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    mutating func offer(_ score: Float, _ row: Int) {
        // A NaN would compare false both ways, sit at the root and keep every later score out.
        let score = score.isNaN ? -.infinity : score
        if heap.count < capacity {
            heap.append((score, row))
            siftUp(heap.count - 1)
        } else if let worst = heap.first, Self.isWorse(worst, than: (score, row)) {
            heap[0] = (score, row)
            siftDown(0)
        }
    }

    /// Lower score, or the same score at a later row: so the `capacity` kept are the same whatever order rows are
    /// offered in (a search scans runs in a set's order).
    @inline(__always)
    static func isWorse(_ a: (score: Float, row: Int), than b: (score: Float, row: Int)) -> Bool {
        a.score != b.score ? a.score < b.score : a.row > b.row
    }

    /// Best first; ties by row, so results are stable.
    func sorted() -> [(score: Float, row: Int)] {
        heap.sorted { $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.isWorse(heap[child], than: heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, Self.isWorse(heap[left], than: heap[smallest]) { smallest = left }
            if right < heap.count, Self.isWorse(heap[right], than: heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
