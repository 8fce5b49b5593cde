/// One Allow or Disallow rule, compiled: its normalised pattern and where its `*` wildcards are. `RobotsRuleTable`
/// packs a file's rules for matching.
struct RobotsRule: Sendable, Equatable {
    /// Whether a match allows (Allow) or forbids (Disallow) the path.
    let isAllow: Bool
    /// Octets in the normalised pattern, `*` and `$` included: RFC 9309 §2.2.2's "most specific" measure.
    let specificity: Int
    /// Whether the pattern ended in `$`, so the path must end where the pattern does.
    let isAnchored: Bool
    /// The normalised pattern with runs of `*` collapsed; kept for ordering and equality.
    let pattern: [UInt8]
    /// The offsets of the `*`s in `pattern`: the literal pieces are what lies between them. Offsets rather than one
    /// array per piece, which cost ~24 times the text on a pattern like `/*a*a*a…` (13 MB of one origin's memory).
    let wildcards: [Int32]

    /// Wildcards kept per rule. A Disallow pattern with more is cut after this many, which matches more paths than the
    /// full one and so stays on the polite side; an Allow pattern with more is dropped, for the same reason. No real
    /// robots.txt comes near it.
    static let maxWildcards = 64

    /// Compiles the raw value of an Allow or Disallow line; nil for an empty value, which rules nothing.
    init?(pattern raw: ArraySlice<UInt8>, isAllow: Bool) {
        guard !raw.isEmpty else { return nil }
        // Only a final `$` anchors; one elsewhere is a literal character, encoded by the normaliser.
        var isAnchored = raw.last == UInt8(ascii: "$")
        let normal = RobotsPath.normalizedPattern(isAnchored ? raw.dropLast() : raw)
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(normal.count)
        var wildcards: [Int32] = []
        for byte in normal where !(byte == UInt8(ascii: "*") && collapsed.last == UInt8(ascii: "*")) {
            if byte == UInt8(ascii: "*") {
                wildcards.append(Int32(collapsed.count))
                if wildcards.count == Self.maxWildcards {
                    if isAllow { return nil }
                    collapsed.append(byte)
                    isAnchored = false
                    break
                }
            }
            collapsed.append(byte)
        }
        self.isAllow = isAllow
        self.specificity = normal.count + (raw.last == UInt8(ascii: "$") ? 1 : 0)
        self.isAnchored = isAnchored
        self.pattern = collapsed
        self.wildcards = wildcards
    }

    /// Whether a pattern (with the offsets of its `*`s) matches a normalised path, anchored at its start (RFC 9309
    /// §2.2.2); nil when deciding would compare more than `budget` bytes (spent from it either way), which a pattern
    /// built to be slow can ask for.
    ///
    /// Pieces between wildcards are found left-most first: taking the earliest place for each piece leaves
    /// the most room for the rest, so a greedy scan never misses a match and needs no backtracking.
    static func matches(pattern: UnsafeBufferPointer<UInt8>, wildcards: UnsafeBufferPointer<Int32>, isAnchored: Bool,
                        path: UnsafeBufferPointer<UInt8>, budget: inout Int) -> Bool? {
        let pieces = wildcards.count + 1
        func piece(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            let start = index == 0 ? 0 : Int(wildcards[index - 1]) + 1
            let end = index == wildcards.count ? pattern.count : Int(wildcards[index])
            return UnsafeBufferPointer(rebasing: pattern[start..<end])
        }
        let first = piece(0)
        budget -= first.count
        guard occurs(first, in: path, at: 0) else { return false }
        if pieces == 1 {
            return !isAnchored || path.count == first.count
        }
        var position = first.count
        for index in 1..<(pieces - 1) {
            let next = piece(index)
            guard let found = firstOccurrence(of: next, in: path, from: position, budget: &budget) else {
                return budget < 0 ? nil : false
            }
            position = found + next.count
        }
        let last = piece(pieces - 1)
        if isAnchored {
            let start = path.count - last.count
            budget -= last.count
            return start >= position && occurs(last, in: path, at: start)
        }
        guard firstOccurrence(of: last, in: path, from: position, budget: &budget) != nil else {
            return budget < 0 ? nil : false
        }
        return true
    }

    /// The order in which rules are tried: most specific first, Allow before Disallow on a tie (RFC 9309
    /// §2.2.2), then by pattern so that equal rule sets always sort, and compare, the same.
    static func precedes(_ lhs: RobotsRule, _ rhs: RobotsRule) -> Bool {
        if lhs.specificity != rhs.specificity { return lhs.specificity > rhs.specificity }
        if lhs.isAllow != rhs.isAllow { return lhs.isAllow }
        if lhs.isAnchored != rhs.isAnchored { return lhs.isAnchored }
        return lhs.pattern.lexicographicallyPrecedes(rhs.pattern)
    }

    /// Whether `piece` occurs in `path` starting exactly at `offset`.
    private static func occurs(_ piece: UnsafeBufferPointer<UInt8>, in path: UnsafeBufferPointer<UInt8>,
                               at offset: Int) -> Bool {
        guard offset >= 0, offset + piece.count <= path.count else { return false }
        var index = 0
        while index < piece.count {
            if piece[index] != path[offset + index] { return false }
            index += 1
        }
        return true
    }

    /// The first offset at or after `start` where `piece` occurs in `path`, or nil (also once `budget`, spent by
    /// the bytes compared, runs out: the scan is quadratic in the worst case).
    private static func firstOccurrence(
        of piece: UnsafeBufferPointer<UInt8>, in path: UnsafeBufferPointer<UInt8>, from start: Int, budget: inout Int
    ) -> Int? {
        guard !piece.isEmpty else { return start <= path.count ? start : nil }
        var offset = start
        while offset + piece.count <= path.count {
            budget -= 1
            if path[offset] == piece[0] {
                budget -= piece.count
                if occurs(piece, in: path, at: offset) { return offset }
            }
            guard budget >= 0 else { return nil }
            offset += 1
        }
        return nil
    }
}
