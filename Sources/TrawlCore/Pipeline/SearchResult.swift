/// A ranked chunk with the scores that placed it.
public struct SearchResult: Sendable, Equatable {
    public var hit: SearchHit
    /// The fused score in hybrid mode, BM25 in text mode, cosine in semantic mode.
    public var score: Double
    public var textRank: Int?
    public var semanticRank: Int?
    public var textScore: Double?
    public var semanticScore: Double?
    /// For a page-grouped result: the page's best chunks, best first, this result's own chunk first.
    public var passages: [SearchResult] = []

    /// A result with every field given.
    public init(hit: SearchHit, score: Double, textRank: Int? = nil, semanticRank: Int? = nil, textScore: Double? = nil,
                semanticScore: Double? = nil) {
        self.hit = hit
        self.score = score
        self.textRank = textRank
        self.semanticRank = semanticRank
        self.textScore = textScore
        self.semanticScore = semanticScore
    }
}
