/// What happens to fetched pages after the crawl stores them: the manifest's `pipelines` section.
public struct PipelineOptions: Sendable, Equatable {
    /// Which embedding model vectors come from.
    public enum Embedding: Sendable, Equatable {
        /// all-MiniLM-L6-v2 running in-process (the default).
        case minilm
        /// An OpenAI-compatible `/v1/embeddings` service.
        case openAI(OpenAIEmbeddingOptions)
    }

    /// False when `pipelines` is an empty list: pages are stored and exported, never indexed.
    public var enabled: Bool
    public var extraction: ExtractionOptions
    public var chunking: ChunkingOptions
    /// nil when the pipeline stops at the full-text index (no embedder component given).
    public var embedding: Embedding?

    /// Options with every field given; the default pipeline extracts, chunks, embeds with MiniLM and indexes.
    public init(enabled: Bool = true, extraction: ExtractionOptions = ExtractionOptions(),
                chunking: ChunkingOptions = ChunkingOptions(), embedding: Embedding? = .minilm) {
        self.enabled = enabled
        self.extraction = extraction
        self.chunking = chunking
        self.embedding = embedding
    }
}

/// How to reach an OpenAI-compatible embeddings endpoint.
public struct OpenAIEmbeddingOptions: Sendable, Hashable {
    /// Base URL up to `/v1`, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`.
    public var baseURL: String
    public var model: String
    /// The environment variable holding the API key (never the key itself: configs are stored and shown); nil
    /// sends no key.
    public var apiKeyEnvironment: String?
    /// Texts per request.
    public var batchSize: Int

    /// Options with every field given.
    public init(baseURL: String, model: String, apiKeyEnvironment: String? = nil, batchSize: Int = 64) {
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnvironment = apiKeyEnvironment
        self.batchSize = batchSize
    }
}

extension PipelineOptions {
    /// The model name vectors of this pipeline are stored under; nil when it embeds nothing.
    public var embeddingModel: String? {
        guard enabled else { return nil }
        return embedding?.storedModel
    }

    /// The name MiniLM vectors are stored under.
    public static let miniLMModel = "all-MiniLM-L6-v2"
}

extension PipelineOptions.Embedding {
    /// The name vectors of this model are stored under: embedders report it as their `model`.
    public var storedModel: String {
        switch self {
        case .minilm: PipelineOptions.miniLMModel
        case .openAI(let options): "openai:\(options.baseURL)#\(options.model)"
        }
    }
}
