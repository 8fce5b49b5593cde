import Testing
@testable import TrawlCore

@Suite struct VectorIndexTests {
    /// A deterministic unit vector of `dimensions` floats.
    static func vector(_ seed: Int, dimensions: Int = 384) -> [Float] {
        var state = UInt64(seed &+ 1) &* 0x9E37_79B9_7F4A_7C15
        let raw = (0..<dimensions).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let bucket = Int64(bitPattern: state >> 11) % 2_000
            return Float(bucket) / 1_000 - 1
        }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { $0 / norm }
    }

    static func bruteForce(_ query: [Float], _ vectors: [(Int64, [Float])], limit: Int) -> [Int64] {
        let scored: [(Int64, Float)] = vectors.map { id, vector in
            var sum: Float = 0
            for (a, b) in zip(query, vector) { sum += a * b }
            return (id, sum)
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    @Test func findsExactlyWhatABruteForceScanFinds() {
        let index = VectorIndex()
        let all = (0..<500).map { (Int64($0), Self.vector($0)) }
        index.add(Array(all[0..<300]), model: "m", runKey: 1)
        index.add(Array(all[300...]), model: "m", runKey: 2)
        for seed in 1_000..<1_010 {
            let query = Self.vector(seed)
            let found = index.nearest(to: query, model: "m", allowedRuns: [1, 2], limit: 10)
            #expect(found.map(\.chunkID) == Self.bruteForce(query, all, limit: 10))
            #expect(zip(found, found.dropFirst()).allSatisfy { $0.score >= $1.score })
        }
        // A vector's nearest neighbour is itself, at cosine 1.
        let me = index.nearest(to: all[42].1, model: "m", allowedRuns: [1], limit: 1)
        #expect(me.first?.chunkID == 42)
        #expect(abs((me.first?.score ?? 0) - 1) < 1e-5)
    }

    @Test func filtersByRunAndModel() {
        let index = VectorIndex()
        index.add([(1, Self.vector(1)), (2, Self.vector(2))], model: "a", runKey: 10)
        index.add([(3, Self.vector(3))], model: "a", runKey: 11)
        index.add([(4, Self.vector(1, dimensions: 8))], model: "b", runKey: 10)
        #expect(Set(index.nearest(to: Self.vector(3), model: "a", allowedRuns: [10], limit: 5).map(\.chunkID)) == [1, 2])
        #expect(index.nearest(to: Self.vector(3), model: "a", allowedRuns: [], limit: 5).isEmpty)
        #expect(index.nearest(to: Self.vector(3), model: "b", allowedRuns: [10], limit: 5).isEmpty)  // wrong length
        #expect(index.nearest(to: Self.vector(1, dimensions: 8), model: "b", allowedRuns: [10], limit: 5).map(\.chunkID) == [4])
        #expect(index.count(model: "a") == 3)
        index.remove(runKey: 10)
        #expect(index.count(model: "a") == 1)
        #expect(index.nearest(to: Self.vector(3), model: "a", allowedRuns: [10, 11], limit: 5).map(\.chunkID) == [3])
    }

    /// A search scans only the rows of the runs it may see (kept per run, also across a removal), and keeps, of equal
    /// scores, the lower rows, whatever order the runs are scanned in: the same answer as a scan of every row in order.
    @Test func aSearchScansItsRunsAndBreaksTiesByRow() {
        let index = VectorIndex()
        // Duplicated vectors make exact ties, spread over interleaved runs.
        for batch in 0..<40 {
            let run = Int64(batch % 4)
            index.add((0..<5).map { (Int64(batch * 5 + $0), Self.vector($0)) }, model: "m", runKey: run)
        }
        index.remove(runKey: 3)
        let query = Self.vector(2)
        let found = index.nearest(to: query, model: "m", allowedRuns: [0, 2], limit: 7)
        // What a scan of every row in order keeps: rows of runs 0 and 2 whose vector is the query's, lowest first.
        let batches: [Int] = (0..<40).filter { $0 % 4 == 0 || $0 % 4 == 2 }
        let expected: [Int64] = batches.prefix(7).map { Int64($0 * 5 + 2) }
        #expect(found.map(\.chunkID) == expected)
        #expect(index.nearest(to: query, model: "m", allowedRuns: [3], limit: 7).isEmpty)
    }

    /// Of equal scores the lower rows are kept, in whatever order they are offered, and a NaN takes no place.
    @Test func topScoresKeepTheLowerRowsOfEqualScoresAndNoNaN() {
        var scores = TopScores(capacity: 3)
        scores.offer(.nan, 99)
        for row in stride(from: 9, through: 0, by: -1) { scores.offer(0.5, row) }
        scores.offer(0.25, 42)
        #expect(scores.sorted().map(\.row) == [0, 1, 2])
    }

    @Test func dotProductHandlesTailsShorterThanALane() {
        let a: [Float] = (0..<21).map(Float.init)
        let b: [Float] = Array(repeating: 2, count: 21)
        let result = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in VectorIndex.dot(a, b, offset: 0) } }
        #expect(result == 420)
    }
}
