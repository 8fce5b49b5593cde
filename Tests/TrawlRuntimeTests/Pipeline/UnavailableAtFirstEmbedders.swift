import Synchronization
import TrawlCore
import TrawlRuntime

/// Hands out the word-hash model only after refusing the first `refusals` requests as an outage: an embedding
/// service that is down when a run starts and comes back while it runs.
final class UnavailableAtFirstEmbedders: EmbedderProviding {
    let embedders = WordHashEmbedders()
    private let remaining: Mutex<Int>
    private let asked = Mutex(0)

    var tokens: any TokenCounting { embedders.tokens }
    /// How many times a pipeline or search asked for the model.
    var requests: Int { asked.withLock { $0 } }

    init(refusals: Int) { remaining = Mutex(refusals) }

    func embedder(for choice: PipelineOptions.Embedding) async -> Result<any Embedder, EmbedError> {
        asked.withLock { $0 += 1 }
        let refuse = remaining.withLock { left in
            defer { left = max(0, left - 1) }
            return left > 0
        }
        return refuse ? .failure(EmbedError(.unavailable, "connection refused")) : await embedders.embedder(for: choice)
    }
}
