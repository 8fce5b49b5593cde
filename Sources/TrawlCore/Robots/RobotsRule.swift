/// One Allow or Disallow rule, compiled for matching: its normalised pattern split at the `*` wildcards.
struct RobotsRule: Sendable, Equatable {
    /// Whether a match allows (Allow) or forbids (Disallow) the path.
    let isAllow: Bool
    /// Octets in the normalised pattern, `*` and `$` included: RFC 9309 §2.2.2's "most specific" measure.
    let specificity: Int
    /// Whether the pattern ended in `$`, so the path must end where the pattern does.
    let isAnchored: Bool
    /// The normalised pattern with runs of `*` collapsed; kept for ordering and equality.
    let pattern: [UInt8]
    /// The literal pieces between wildcards; a single piece when the pattern has no `*`.
    let segments: [[UInt8]]

    /// Compiles the raw value of an Allow or Disallow line; nil for an empty value, which rules nothing.
    init?(pattern raw: ArraySlice<UInt8>, isAllow: Bool) {
        guard !raw.isEmpty else { return nil }
        // Only a final `$` anchors; one elsewhere is a literal character, encoded by the normaliser.
        let isAnchored = raw.last == UInt8(ascii: "$")
        let normal = RobotsPath.normalizedPattern(isAnchored ? raw.dropLast() : raw)
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(normal.count)
        for byte in normal where !(byte == UInt8(ascii: "*") && collapsed.last == UInt8(ascii: "*")) {
            collapsed.append(byte)
        }
        self.isAllow = isAllow
        self.specificity = normal.count + (isAnchored ? 1 : 0)
        self.isAnchored = isAnchored
        self.pattern = collapsed
        self.segments = collapsed.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false)
            .map(Array.init)
    }

    /// Whether the rule matches a normalised path, anchored at its start (RFC 9309 §2.2.2).
    ///
    /// Pieces between wildcards are found left-most first: taking the earliest place for each piece leaves
    /// the most room for the rest, so a greedy scan never misses a match and needs no backtracking.
    func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = segments[0]
        guard Self.occurs(first, in: path, at: 0) else { return false }
        let lastIndex = segments.count - 1
        if lastIndex == 0 {
            return !isAnchored || path.count == first.count
        }
        var position = first.count
        for index in 1..<lastIndex {
            guard let found = Self.firstOccurrence(of: segments[index], in: path, from: position) else {
                return false
            }
            position = found + segments[index].count
        }
        let last = segments[lastIndex]
        if isAnchored {
            let start = path.count - last.count
            return start >= position && Self.occurs(last, in: path, at: start)
        }
        return Self.firstOccurrence(of: last, in: path, from: position) != nil
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
    private static func occurs(_ piece: [UInt8], in path: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset + piece.count <= path.count else { return false }
        return piece.withUnsafeBufferPointer { piece in
            var index = 0
            while index < piece.count {
                if piece[index] != path[offset + index] { return false }
                index += 1
            }
            return true
        }
    }

    /// The first offset at or after `start` where `piece` occurs in `path`.
    private static func firstOccurrence(
        of piece: [UInt8], in path: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> Int? {
        guard !piece.isEmpty else { return start <= path.count ? start : nil }
        var offset = start
        while offset + piece.count <= path.count {
            if path[offset] == piece[0], occurs(piece, in: path, at: offset) { return offset }
            offset += 1
        }
        return nil
    }
}
