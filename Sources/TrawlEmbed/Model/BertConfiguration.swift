/// The shape of a BERT encoder; `miniLM` is all-MiniLM-L6-v2's.
struct BertConfiguration: Sendable, Equatable {
    var vocabularySize: Int
    var hiddenSize: Int
    var headCount: Int
    var layerCount: Int
    var intermediateSize: Int
    var maximumPositions: Int
    var tokenTypeCount: Int
    var layerNormEpsilon: Float

    /// all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads of 32, intermediate 1536.
    static let miniLM = BertConfiguration(
        vocabularySize: 30_522, hiddenSize: 384, headCount: 12, layerCount: 6, intermediateSize: 1_536,
        maximumPositions: 512, tokenTypeCount: 2, layerNormEpsilon: 1e-12)

    /// Width of one attention head.
    var headSize: Int { hiddenSize / headCount }
}
