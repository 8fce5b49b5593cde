/// Turns texts into vectors: the model that semantic search and the index share.
public protocol Embedder: Sendable {
    /// The model's identity, stored beside every vector: vectors of different models are never compared.
    var model: String { get }
    /// Length of every vector.
    var dimensions: Int { get }
    /// One L2-normalised vector per text, in order (the empty text included).
    func embed(_ texts: [String]) async throws(EmbedError) -> [[Float]]
}

/// Why embedding failed; `isRetryable` tells the pipeline whether waiting may help.
public struct EmbedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable {
        /// The model could not be loaded (missing or corrupt files).
        case model
        /// The embedding service could not be reached or answered 5xx.
        case unavailable
        /// The embedding service asked us to slow down (429).
        case rateLimited = "rate_limited"
        /// The service answered something that is not a valid embedding response (or refused the input, 4xx).
        case invalidResponse = "invalid_response"
        /// The service refused our credentials (401, 403): nothing will embed until they change.
        case unauthorized
    }

    public var kind: Kind
    /// What a tenant may read: it lands in documents, pipeline steps and search warnings.
    public var message: String
    /// What only the operator reads (logs, the CLI): file paths, libcurl's words, environment variable names.
    public var detail: String?

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String, detail: String? = nil) {
        self.kind = kind
        self.message = message
        self.detail = detail
    }

    /// Whether a later attempt may succeed.
    public var isRetryable: Bool { kind == .unavailable || kind == .rateLimited }

    /// Whether the failure is the embedder's rather than one input's: an outage, refused credentials, a model that
    /// cannot load. Such failures fail the embed step; a refused input fails only its document.
    public var isSystemic: Bool { isRetryable || kind == .unauthorized || kind == .model }

    public var description: String { detail.map { "\(message) (\($0))" } ?? message }
}
