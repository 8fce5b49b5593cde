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

    /// The trap `url` looks like, or nil.
    public func check(_ url: CrawlURL) -> Exclusion? {
        if url.string.utf8.count > maxURLLength { return .urlTooLong }
        if let query = url.query, query.utf8.count > maxQueryLength { return .queryTooLong }
        let segments = url.path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        if segments.count > maxPathSegments { return .tooManySegments }
        if hasRepeatedRun(segments.map { Array($0) }) { return .repeatedSegments }
        return nil
    }

    /// True when some run of 1…4 segments occurs `maxRepetitions` times back to back.
    private func hasRepeatedRun(_ segments: [[UInt8]]) -> Bool {
        guard segments.count >= maxRepetitions else { return false }
        for width in 1...4 where width * maxRepetitions <= segments.count {
            var streak = 1
            var index = width
            while index + width <= segments.count {
                if segments[index..<(index + width)].elementsEqual(segments[(index - width)..<index]) {
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
