import TrawlCore

/// An embedding service the operator offers to tenants by name (`embedding_providers` in `server.yaml`).
///
/// Tenants' manifests say `{kind: openai, params: {provider: NAME}}` and never see the URL, the model or the key;
/// the key is read from this process's environment when the provider is first used.
public struct EmbeddingProvider: Sendable, Equatable {
    /// What manifests call it: letters, digits, '.', '_' or '-'.
    public var name: String
    /// The API root `/embeddings` is appended to. The operator's choice, so it may be a loopback or private
    /// address (a local Ollama, say) even when tenants' crawls may not reach those.
    public var baseURL: String
    public var model: String
    /// The environment variable holding the key; nil sends none.
    public var apiKeyEnvironment: String?
    /// The model's vector length; nil asks the service once.
    public var dimensions: Int?

    /// A provider with every field given.
    public init(name: String, baseURL: String, model: String, apiKeyEnvironment: String? = nil, dimensions: Int? = nil) {
        self.name = name
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnvironment = apiKeyEnvironment
        self.dimensions = dimensions
    }
}
