/// `*` matches any run of characters; everything else literally; the whole text must match.
///
/// Matching is linear in the text and the pattern: the pieces between stars are found leftmost-first (which is enough
/// for `*`, since a later match of one piece only leaves less room for the next), each with Knuth–Morris–Pratt. A naive
/// search costs the product of the lengths, which a tenant's 1,000-byte piece against a long URL made milliseconds per
/// pattern per link.
struct GlobPattern: Sendable, Equatable {
    /// The non-empty texts between stars, in order.
    private let pieces: [[UInt8]]
    /// For each piece, KMP's failure function: the length of the longest proper prefix that is also a suffix of the
    /// piece's first `i + 1` bytes.
    private let failures: [[Int]]
    /// True for a pattern of stars only (which matches everything).
    private let starsOnly: Bool
    private let anchoredStart: Bool
    private let anchoredEnd: Bool

    init(_ source: String) {
        let parts = source.utf8.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
        pieces = parts.filter { !$0.isEmpty }
        failures = pieces.map(Self.failureFunction)
        starsOnly = parts.count > 1 && pieces.isEmpty
        anchoredStart = !source.hasPrefix("*")
        anchoredEnd = !source.hasSuffix("*")
    }

    func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !pieces.isEmpty else { return starsOnly || bytes.isEmpty }
        var position = 0
        for (index, piece) in pieces.enumerated() {
            let isFirst = index == 0, isLast = index == pieces.count - 1
            if isFirst && anchoredStart {
                guard bytes.starts(with: piece) else { return false }
                position = piece.count
                if isLast && anchoredEnd { return position == bytes.count }
                continue
            }
            if isLast && anchoredEnd {
                guard bytes.count - position >= piece.count, bytes.suffix(piece.count).elementsEqual(piece) else { return false }
                return true
            }
            guard let found = Self.find(piece, failure: failures[index], in: bytes, from: position) else { return false }
            position = found + piece.count
        }
        return true
    }

    private static func failureFunction(_ piece: [UInt8]) -> [Int] {
        var failure = [Int](repeating: 0, count: piece.count)
        var length = 0
        for index in 1..<max(1, piece.count) {
            while length > 0 && piece[index] != piece[length] { length = failure[length - 1] }
            if piece[index] == piece[length] { length += 1 }
            failure[index] = length
        }
        return failure
    }

    /// Where `needle` first occurs in `haystack` at or after `start`, in O(haystack) steps.
    private static func find(_ needle: [UInt8], failure: [Int], in haystack: [UInt8], from start: Int) -> Int? {
        var matched = 0
        var index = start
        while index < haystack.count {
            while matched > 0 && haystack[index] != needle[matched] { matched = failure[matched - 1] }
            if haystack[index] == needle[matched] { matched += 1 }
            if matched == needle.count { return index - needle.count + 1 }
            index += 1
        }
        return nil
    }
}
