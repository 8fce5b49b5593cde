import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// Hands every pipeline and search the one `WordHashEmbedder`; counts tokens as words.
struct WordHashEmbedders: EmbedderProviding {
    let embedder = WordHashEmbedder()
    let tokens: any TokenCounting = WordCounter()

    func embedder(for choice: PipelineOptions.Embedding) async -> Result<any Embedder, EmbedError> { .success(embedder) }
}
