/// Counts tokens without a vocabulary: one per four bytes of each word, at least one per word. WordPiece splits
/// English at about 1.3 tokens per word, so this errs on the high side and chunks come out at or under target.
/// Used only when the model's vocabulary is not installed.
public struct ApproximateTokenCounter: TokenCounting {
    public init() {}

    public func tokenCount(_ text: String) -> Int {
        var count = 0
        for word in text.split(whereSeparator: \.isWhitespace) { count += max(1, (word.utf8.count + 3) / 4) }
        return count
    }
}
