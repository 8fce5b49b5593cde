/// How to reach an OpenAI-compatible embeddings endpoint (OpenAI, Ollama, vLLM, TEI, …).
public struct OpenAIEmbedderConfiguration: Sendable, Equatable {
    /// The API root that `/embeddings` is appended to, e.g. "https://api.openai.com/v1" or "http://localhost:11434/v1".
    public var baseURL: String
    /// The model name sent with every request, e.g. "text-embedding-3-small".
    public var model: String
    /// Length of the model's vectors; nil lets `OpenAIEmbedder.connect` ask the service once.
    public var dimensions: Int?
    /// The environment variable holding the API key (sent as a bearer token); nil for services without auth.
    public var apiKeyEnvironmentVariable: String?
    /// Texts per request.
    public var batchSize: Int
    /// Longest a single request may take, connection included.
    public var timeout: Duration
    /// Retries of requests that failed in a way that waiting may fix (429, 5xx, network).
    public var retry: RetryPolicy

    /// A configuration; `batchSize` is kept to at least 1.
    public init(
        baseURL: String, model: String, dimensions: Int? = nil, apiKeyEnvironmentVariable: String? = nil,
        batchSize: Int = 64, timeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy()
    ) {
        self.baseURL = baseURL
        self.model = model
        self.dimensions = dimensions
        self.apiKeyEnvironmentVariable = apiKeyEnvironmentVariable
        self.batchSize = max(1, batchSize)
        self.timeout = timeout
        self.retry = retry
    }
}
