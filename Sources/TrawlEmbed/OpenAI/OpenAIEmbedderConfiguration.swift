import TrawlCore

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
    /// The API key itself, when a tenant brought its own; wins over `apiKeyEnvironmentVariable`.
    public var apiKey: String?
    /// Which addresses the service may be reached at; checked on the address actually connected to, so a name
    /// that resolves differently the second time (DNS rebinding) gains nothing.
    public var addressPolicy: AddressPolicy
    /// What messages call the service: the operator's provider name, so its internal URL is not shown to tenants;
    /// nil shows the base URL.
    public var displayName: String?
    /// Texts per request.
    public var batchSize: Int
    /// Longest a single request may take, connection included.
    public var timeout: Duration
    /// Retries of requests that failed in a way that waiting may fix (429, 5xx, network).
    public var retry: RetryPolicy

    /// A configuration; `batchSize` is kept to at least 1.
    public init(
        baseURL: String, model: String, dimensions: Int? = nil, apiKeyEnvironmentVariable: String? = nil,
        apiKey: String? = nil, addressPolicy: AddressPolicy = .allowAll, displayName: String? = nil,
        batchSize: Int = 64, timeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy()
    ) {
        self.baseURL = baseURL
        self.model = model
        self.dimensions = dimensions
        self.apiKeyEnvironmentVariable = apiKeyEnvironmentVariable
        self.apiKey = apiKey
        self.addressPolicy = addressPolicy
        self.displayName = displayName
        self.batchSize = max(1, batchSize)
        self.timeout = timeout
        self.retry = retry
    }
}
