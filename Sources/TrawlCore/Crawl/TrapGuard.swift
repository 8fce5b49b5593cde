/// Refuses URLs shaped like crawler traps: endless path repetition (`/a/b/a/b/a/b/`), absurd length,
/// huge query strings. Cheap checks on the normalised URL, run before a URL enters the frontier.
public struct TrapGuard: Sendable, Equatable {
    public var maxURLLength = 2048
    public var maxQueryLength = 1024
    public var maxPathSegments = 64
    /// A run of segments repeated this many times in a row marks a trap (`/x/x/x` or `/a/b/a/b/a/b`).
    public var maxRepetitions = 3

    /// The default limits.
    public init() {}

    /// The trap `url` looks like, or nil. Every discovered link comes through here, so it allocates nothing for the
    /// common path of fewer segments than a repetition needs.
    public func check(_ url: CrawlURL) -> Exclusion? {
        if url.string.utf8.count > maxURLLength { return .urlTooLong }
        if let query = url.query, query.utf8.count > maxQueryLength { return .queryTooLong }
        var path = url.path
        return path.withUTF8 { bytes -> Exclusion? in
            let count = Self.segmentCount(of: bytes)
            if count > maxPathSegments { return .tooManySegments }
            if count >= maxRepetitions, hasRepeatedRun(count: count, in: bytes) { return .repeatedSegments }
            return nil
        }
    }

    /// The non-empty segments between slashes.
    private static func segmentCount(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "/"), index == 0 || bytes[index - 1] == UInt8(ascii: "/") { count += 1 }
            index += 1
        }
        return count
    }

    /// True when some run of 1…4 segments occurs `maxRepetitions` times back to back.
    private func hasRepeatedRun(count: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var segments: [Range<Int>] = []
        segments.reserveCapacity(count)
        var start: Int?
        for index in 0...bytes.count {
            let isSlash = index == bytes.count || bytes[index] == UInt8(ascii: "/")
            if isSlash, let begin = start {
                segments.append(begin..<index)
                start = nil
            } else if !isSlash, start == nil {
                start = index
            }
        }
        func same(_ left: Range<Int>, _ right: Range<Int>) -> Bool {
            left.count == right.count && bytes[left].elementsEqual(bytes[right])
        }
        for width in 1...4 where width * maxRepetitions <= segments.count {
            var streak = 1
            var index = width
            while index + width <= segments.count {
                if (0..<width).allSatisfy({ same(segments[index + $0], segments[index - width + $0]) }) {
                    streak += 1
                    if streak >= maxRepetitions { return true }
                    index += width
                } else {
                    streak = 1
                    index += 1
                }
            }
        }
        return false
    }
}
