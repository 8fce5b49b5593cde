import Dispatch
import Synchronization

extension BertEncoder {
    /// Embeds `sequences` on up to `workers` threads at once, each running whole forward passes over its own share
    /// of the sequences (BLAS must then be single-threaded: the parallelism is here, not inside each product).
    ///
    /// Splitting by sequence rather than inside each matrix product keeps every core busy through the softmax,
    /// GELU and layer norms too, and needs no synchronisation until the end.
    func embed(_ sequences: [[Int32]], workers: Int) -> [[Float]] {
        let groups = Self.balancedGroups(sequences.map(\.count), into: min(workers, sequences.count))
        guard groups.count > 1 else { return embed(sequences) }
        // Locked once per group, after its passes: no contention worth the name.
        let perGroup = Mutex([[[Float]]](repeating: [], count: groups.count))
        DispatchQueue.concurrentPerform(iterations: groups.count) { group in
            let vectors = embed(groups[group].map { sequences[$0] })
            perGroup.withLock { $0[group] = vectors }
        }
        return perGroup.withLock { perGroup in
            var vectors = [[Float]](repeating: [], count: sequences.count)
            for (group, members) in groups.enumerated() {
                for (member, vector) in zip(members, perGroup[group]) { vectors[member] = vector }
            }
            return vectors
        }
    }

    /// Indices of `lengths` split into at most `count` non-empty groups of nearly equal cost: longest first, each
    /// to the group with the least work so far. Cost is the token count plus the quadratic attention term.
    static func balancedGroups(_ lengths: [Int], into count: Int) -> [[Int]] {
        guard count > 1 else { return [Array(lengths.indices)] }
        var groups = [[Int]](repeating: [], count: count)
        var loads = [Int](repeating: 0, count: count)
        for index in lengths.indices.sorted(by: { lengths[$0] > lengths[$1] }) {
            let lightest = loads.indices.min { loads[$0] < loads[$1] }!
            groups[lightest].append(index)
            // Roughly FLOPs per token: ~12·hidden² in the dense layers against 2·length·hidden in attention.
            loads[lightest] += lengths[index] * (4_608 + lengths[index])
        }
        return groups.filter { !$0.isEmpty }.map { $0.sorted() }
    }
}
