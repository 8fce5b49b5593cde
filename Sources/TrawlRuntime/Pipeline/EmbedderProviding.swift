import TrawlCore

/// Supplies the embedding model a pipeline or a search asks for, and the token counter chunks are sized with.
public protocol EmbedderProviding: Sendable {
    /// The embedder for `choice`, or why it cannot be had (model files missing, bad base URL).
    func embedder(for choice: PipelineOptions.Embedding) async -> Result<any Embedder, EmbedError>
    /// Counts tokens as the default model does.
    var tokens: any TokenCounting { get }
}
