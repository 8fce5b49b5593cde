import Foundation
import Logging
import TrawlCore

/// Embeddings from any OpenAI-compatible `POST {base_url}/embeddings` service.
///
/// Texts go in batches of `batchSize`, one request at a time. Requests that fail in a way waiting may fix
/// (429, 5xx, network errors, timeouts) are retried with exponential backoff, or after the server's `Retry-After`.
/// Returned vectors are checked (count, order, length, finite) and re-normalised, since not every server
/// normalises. The API key is read from the environment once and never appears in messages.
///
/// Requests go through the crawler's own `Fetcher`, which never follows redirects (a 3xx is an error here: a key
/// must not be carried to wherever a service points) and checks the address policy on the address it actually
/// connects to. What a service says in an error body is logged for the operator, never put in the error, since
/// errors reach tenants (documents, run steps, search).
public struct OpenAIEmbedder: Embedder {
    /// The service's model name, as configured.
    public let model: String
    /// Length of the vectors, as configured or as the service answered when connecting.
    public let dimensions: Int
    /// The settings it was made with.
    public let configuration: OpenAIEmbedderConfiguration

    let endpoint: CrawlURL
    let apiKey: BearerToken?
    let fetcher: any Fetcher
    let logger: Logger

    /// An embedder for `configuration`, which must give `dimensions` (use `connect` to ask the service).
    /// The API key is read from `environment` now.
    public init(
        configuration: OpenAIEmbedderConfiguration, fetcher: any Fetcher, logger: Logger = Logger(label: "trawl.embed"),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(EmbedError) {
        guard let dimensions = configuration.dimensions, dimensions > 0 else {
            throw EmbedError(.model, "the embedding dimensions of \(configuration.model) are not configured")
        }
        try self.init(configuration: configuration, dimensions: dimensions, fetcher: fetcher, logger: logger,
                      environment: environment)
    }

    /// An embedder for `configuration`; when it does not give `dimensions`, one short request finds them out.
    public static func connect(
        configuration: OpenAIEmbedderConfiguration, fetcher: any Fetcher, logger: Logger = Logger(label: "trawl.embed"),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(EmbedError) -> OpenAIEmbedder {
        if configuration.dimensions != nil {
            return try OpenAIEmbedder(configuration: configuration, fetcher: fetcher, logger: logger, environment: environment)
        }
        let probe = try OpenAIEmbedder(configuration: configuration, dimensions: 0, fetcher: fetcher, logger: logger,
                                       environment: environment)
        let vectors = try await probe.requestWithRetries(["dimension probe"])
        var resolved = configuration
        resolved.dimensions = vectors[0].count
        return try OpenAIEmbedder(configuration: resolved, fetcher: fetcher, logger: logger, environment: environment)
    }

    /// `dimensions` 0 accepts any length (only for the probe in `connect`).
    private init(
        configuration: OpenAIEmbedderConfiguration, dimensions: Int, fetcher: any Fetcher, logger: Logger,
        environment: [String: String]
    ) throws(EmbedError) {
        let root = configuration.baseURL.hasSuffix("/") ? String(configuration.baseURL.dropLast()) : configuration.baseURL
        let name = configuration.displayName ?? "the embeddings base URL \(configuration.baseURL)"
        guard root.hasPrefix("http://") || root.hasPrefix("https://"), let endpoint = try? CrawlURL(root + "/embeddings")
        else {
            throw EmbedError(.model, "\(name) is not an http(s) URL")
        }
        if let key = configuration.apiKey {
            apiKey = BearerToken(value: key)
        } else if let variable = configuration.apiKeyEnvironmentVariable {
            guard let key = environment[variable], !key.isEmpty else {
                throw EmbedError(.model, "\(configuration.displayName ?? "the embedding service")'s API key is not set on this server",
                                 detail: "the environment variable \(variable) is empty or missing")
            }
            apiKey = BearerToken(value: key)
        } else {
            apiKey = nil
        }
        self.model = configuration.model
        self.dimensions = dimensions
        self.configuration = configuration
        self.endpoint = endpoint
        self.fetcher = fetcher
        self.logger = logger
    }

    /// How messages name the service.
    var serviceName: String { configuration.displayName ?? endpoint.string }

    /// One L2-normalised vector per text, in order, requested `batchSize` texts at a time.
    public func embed(_ texts: [String]) async throws(EmbedError) -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            let end = min(start + configuration.batchSize, texts.count)
            vectors += try await requestWithRetries(Array(texts[start ..< end]))
            start = end
        }
        return vectors
    }

    /// One batch, retried as the policy allows; the last failure is what the caller sees.
    func requestWithRetries(_ texts: [String]) async throws(EmbedError) -> [[Float]] {
        var attempt = 1
        while true {
            do {
                return try await request(texts)
            } catch {
                switch error {
                case let .final(failure):
                    throw failure
                case let .retryable(failure, retryAfter):
                    guard let delay = configuration.retry.delay(afterAttempt: attempt, retryAfter: retryAfter) else {
                        let attempts = attempt == 1 ? "1 attempt" : "\(attempt) attempts"
                        throw EmbedError(failure.kind, failure.message + " (gave up after \(attempts))", detail: failure.detail)
                    }
                    do {
                        try await Task.sleep(for: delay)
                    } catch {
                        throw EmbedError(.unavailable, "embedding was cancelled while waiting to retry")
                    }
                }
            }
            attempt += 1
        }
    }
}
