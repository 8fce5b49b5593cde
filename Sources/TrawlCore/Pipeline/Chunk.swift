/// A piece of a document sized for the embedding model, with where it came from.
public struct Chunk: Sendable, Equatable, Codable {
    /// Position among the document's chunks, from 0.
    public var index: Int
    /// The chunk's text (Markdown, as extracted).
    public var text: String
    /// The headings above the chunk, outermost first (["Guide", "Install", "On Linux"]).
    public var headingPath: [String]
    /// Character offsets (Unicode scalars) of `text` in the document's Markdown: `start..<end`.
    public var start: Int
    public var end: Int
    /// Tokens in `text`, as the `TokenCounting` used to cut it counts them.
    public var tokenCount: Int
    /// What the embedder reads: the chunk's words without Markdown syntax, after its page title and heading path
    /// (`DocumentPipeline.situated`). nil until the pipeline of a run that embeds sets it; the full-text index,
    /// exports and search results use `text`.
    public var embeddingText: String?

    /// A chunk with every field given.
    public init(index: Int, text: String, headingPath: [String], start: Int, end: Int, tokenCount: Int,
                embeddingText: String? = nil) {
        self.index = index
        self.text = text
        self.headingPath = headingPath
        self.start = start
        self.end = end
        self.tokenCount = tokenCount
        self.embeddingText = embeddingText
    }
}

/// How documents are cut: the manifest's `pipelines` chunk component.
public struct ChunkingOptions: Sendable, Equatable {
    /// The size a chunk aims for, in tokens; never exceeded unless one word alone is longer.
    public var targetTokens: Int
    /// Tokens repeated from the end of one chunk at the start of the next within a section.
    public var overlapTokens: Int

    /// Options with every field given (defaults suit all-MiniLM-L6-v2, which reads 256 tokens).
    public init(targetTokens: Int = 200, overlapTokens: Int = 32) {
        self.targetTokens = targetTokens
        self.overlapTokens = overlapTokens
    }
}
