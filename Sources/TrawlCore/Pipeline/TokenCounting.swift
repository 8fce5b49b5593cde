/// Counts tokens the way the embedding model will, so chunks are sized in the model's own units.
public protocol TokenCounting: Sendable {
    /// Tokens in `text`, without the model's special tokens ([CLS], [SEP]).
    func tokenCount(_ text: String) -> Int

    /// Tokens in each word of `text` (each maximal run of scalars that are not Unicode White_Space), in order; zero
    /// for a word the model ignores. They add up to `tokenCount(text)`, since no token spans whitespace: a chunker
    /// counts a document once and sums the words of any piece.
    func wordTokenCounts(_ text: String) -> [Int]
}

extension TokenCounting {
    /// Each word counted on its own.
    public func wordTokenCounts(_ text: String) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        return TextRanges.words(scalars, in: 0..<scalars.count).map { range in
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[range])
            return tokenCount(String(word))
        }
    }
}
