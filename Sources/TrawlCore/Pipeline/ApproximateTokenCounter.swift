/// Counts tokens without a vocabulary: one per four bytes of each word, at least one per word. WordPiece splits
/// English at about 1.3 tokens per word, so this errs on the high side and chunks come out at or under target.
/// Used only when the model's vocabulary is not installed.
public struct ApproximateTokenCounter: TokenCounting {
    public init() {}

    public func tokenCount(_ text: String) -> Int {
        // Words split on whitespace scalars, as `TextRanges` splits them (a grapheme split would glue a space to a
        // following combining mark, and the chunker's per-word sums would no longer add up to this count).
        var count = 0
        var bytes = 0
        for scalar in text.unicodeScalars {
            if TextRanges.isWhitespace(scalar) {
                if bytes > 0 { count += max(1, (bytes + 3) / 4) }
                bytes = 0
            } else {
                bytes += UTF8.width(scalar)
            }
        }
        if bytes > 0 { count += max(1, (bytes + 3) / 4) }
        return count
    }
}
