/// A page's main content and its chunks, as extraction made them: before the pipeline decides what the page becomes
/// (new, changed, unchanged) and, for runs that embed, sets the text each chunk is embedded with.
public struct ExtractedPage: Sendable, Equatable, Codable {
    public var content: ExtractedContent
    public var chunks: [Chunk]

    /// A page's extraction.
    public init(content: ExtractedContent, chunks: [Chunk]) {
        self.content = content
        self.chunks = chunks
    }
}
