import TrawlCore

/// One token per whitespace-separated word.
public struct WordCounter: TokenCounting {
    public init() {}

    public func tokenCount(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }
}
