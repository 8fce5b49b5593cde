/// Counts tokens the way the embedding model will, so chunks are sized in the model's own units.
public protocol TokenCounting: Sendable {
    /// Tokens in `text`, without the model's special tokens ([CLS], [SEP]).
    func tokenCount(_ text: String) -> Int
}
