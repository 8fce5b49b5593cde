/// `*` matches any run of characters; everything else literally; the whole text must match.
struct GlobPattern: Sendable, Equatable {
    private let parts: [[UInt8]]
    private let anchoredStart: Bool
    private let anchoredEnd: Bool

    init(_ source: String) {
        parts = source.utf8.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
        anchoredStart = !source.hasPrefix("*")
        anchoredEnd = !source.hasSuffix("*")
    }

    func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let pieces = parts.filter { !$0.isEmpty }
        guard !pieces.isEmpty else { return parts.count > 1 || bytes.isEmpty }
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
            guard let found = Self.find(piece, in: bytes, from: position) else { return false }
            position = found + piece.count
        }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count - start else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
