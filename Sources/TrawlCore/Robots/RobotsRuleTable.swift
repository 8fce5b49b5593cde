/// A robots.txt's rules packed for the length of a crawl: every pattern in one byte buffer, every wildcard offset in
/// one array, and a small fixed-size entry per rule. Rules compiled one by one cost ~90 bytes each beyond their text
/// (two arrays apiece), so a 512 KiB file of 30,000 short rules held ~2.5 MB per origin for as long as the crawl ran.
struct RobotsRuleTable: Sendable, Equatable {
    /// One rule: where its pattern and wildcard offsets lie in the table's storage.
    private struct Entry: Sendable, Equatable {
        let isAllow: Bool
        let isAnchored: Bool
        let patternStart: Int32
        let patternEnd: Int32
        let wildcardStart: Int32
        let wildcardEnd: Int32
    }

    private let entries: [Entry]
    private let bytes: [UInt8]
    private let wildcards: [Int32]

    /// The rules, in the order they are to be tried.
    init(_ rules: [RobotsRule]) {
        var entries: [Entry] = []
        entries.reserveCapacity(rules.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rules.reduce(0) { $0 + $1.pattern.count })
        var wildcards: [Int32] = []
        wildcards.reserveCapacity(rules.reduce(0) { $0 + $1.wildcards.count })
        // Offsets fit Int32: a robots.txt is read to 512 KiB.
        for rule in rules {
            entries.append(Entry(isAllow: rule.isAllow, isAnchored: rule.isAnchored, patternStart: Int32(bytes.count),
                                 patternEnd: Int32(bytes.count + rule.pattern.count),
                                 wildcardStart: Int32(wildcards.count),
                                 wildcardEnd: Int32(wildcards.count + rule.wildcards.count)))
            bytes.append(contentsOf: rule.pattern)
            wildcards.append(contentsOf: rule.wildcards)
        }
        self.entries = entries
        self.bytes = bytes
        self.wildcards = wildcards
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Bytes the table holds on the heap.
    var footprint: Int {
        entries.capacity * MemoryLayout<Entry>.stride + bytes.capacity
            + wildcards.capacity * MemoryLayout<Int32>.stride
    }

    /// What the first matching rule says of `path` (allowed when none matches), or `tooCostly` once `budget` byte
    /// comparisons ran out.
    func verdict(_ path: UnsafeBufferPointer<UInt8>, budget: inout Int) -> RobotsRules.Verdict {
        bytes.withUnsafeBufferPointer { bytes in
            wildcards.withUnsafeBufferPointer { wildcards in
                for entry in entries {
                    let pattern = UnsafeBufferPointer(rebasing: bytes[Int(entry.patternStart)..<Int(entry.patternEnd)])
                    let offsets = UnsafeBufferPointer(
                        rebasing: wildcards[Int(entry.wildcardStart)..<Int(entry.wildcardEnd)])
                    guard let matched = RobotsRule.matches(pattern: pattern, wildcards: offsets,
                                                           isAnchored: entry.isAnchored, path: path, budget: &budget),
                          budget >= 0
                    else { return .tooCostly }
                    if matched { return entry.isAllow ? .allowed : .disallowed }
                }
                return .allowed
            }
        }
    }
}
