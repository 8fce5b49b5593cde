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
    /// Which service, and whose key.
    public enum Endpoint: Sendable, Hashable {
        /// A provider the operator configured (`embedding_providers` in `server.yaml`), by name: its URL, model and
        /// key stay the operator's, so a tenant can use the key without being able to aim it anywhere.
        case provider(String)
        /// A service the manifest names itself, with the key it brings (nil sends none: Ollama, vLLM, TEI).
        case direct(baseURL: String, model: String, key: APIKey?)
    }

    /// Where a direct endpoint's key comes from.
    public enum APIKey: Sendable, Hashable {
        /// A variable of the process's environment. Only the operator may name one (`trawl crawl`, `trawl embed`):
        /// the server refuses it in tenants' manifests.
        case environment(String)
        /// The key itself, written in the manifest by a tenant who brings its own. Stored with the job, never
        /// shown back by the API.
        case inline(String)
    }

    public var endpoint: Endpoint
    /// Texts per request.
    public var batchSize: Int

    /// Options with every field given.
    public init(endpoint: Endpoint, batchSize: Int = 64) {
        self.endpoint = endpoint
        self.batchSize = batchSize
    }

    /// A direct endpoint, its key (if any) from the environment variable `apiKeyEnvironment`.
    public init(baseURL: String, model: String, apiKeyEnvironment: String? = nil, batchSize: Int = 64) {
        self.init(endpoint: .direct(baseURL: baseURL, model: model, key: apiKeyEnvironment.map(APIKey.environment)),
                  batchSize: batchSize)
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
    /// The name vectors of this model are stored under: embedders report it as their `model`. A provider's vectors
    /// go under its name, since the operator decides (and may change) which service and model it stands for.
    public var storedModel: String {
        switch self {
        case .minilm: PipelineOptions.miniLMModel
        case .openAI(let options):
            switch options.endpoint {
            case .provider(let name): "provider:\(name)"
            case let .direct(baseURL, model, _): "openai:\(baseURL)#\(model)"
            }
        }
    }
}
