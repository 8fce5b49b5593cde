import Foundation
import Testing
import TrawlCore
import TrawlFetch
import TrawlTestSupport
@testable import TrawlEmbed

@Suite struct OpenAIEmbedderTests {
    /// Quick retries so failure tests take milliseconds, not seconds.
    static let fastRetry = RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(10), jitter: 0)
    /// The crawler's own fetcher, as the runtime gives embedders.
    static let fetcher = CurlFetcher()

    static func embedder(
        _ server: EmbeddingsFixtureServer, batchSize: Int = 64, dimensions: Int? = 4, retry: RetryPolicy = fastRetry,
        timeout: Duration = .seconds(10), keyVariable: String? = "TRAWL_TEST_KEY", addressPolicy: AddressPolicy = .allowAll
    ) throws -> OpenAIEmbedder {
        let configuration = OpenAIEmbedderConfiguration(
            baseURL: server.baseURL, model: "test-embed", dimensions: dimensions, apiKeyEnvironmentVariable: keyVariable,
            addressPolicy: addressPolicy, batchSize: batchSize, timeout: timeout, retry: retry)
        return try OpenAIEmbedder(configuration: configuration, fetcher: fetcher,
                                  environment: ["TRAWL_TEST_KEY": "sk-secret-123"])
    }

    static func normalised(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return vector.map { $0 / norm }
    }

    static func close(_ a: [[Float]], _ b: [[Float]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in x.count == y.count && zip(x, y).allSatisfy { abs($0 - $1) < 1e-6 } }
    }

    @Test("sends batches of batchSize with the model and bearer key, and returns normalised vectors in input order")
    func batching() async throws {
        let server = try EmbeddingsFixtureServer()
        let texts = ["a", "bb", "", "dddd", "eeeee"]
        let vectors = try await Self.embedder(server, batchSize: 2).embed(texts)
        #expect(Self.close(vectors, texts.map { Self.normalised(EmbeddingsFixtureServer.vector(for: $0.isEmpty ? " " : $0)) }))
        #expect(server.inputs == [["a", "bb"], [" ", "dddd"], ["eeeee"]])
        #expect(server.requestBodies.allSatisfy { $0["model"] as? String == "test-embed" && $0["encoding_format"] as? String == "float" })
        #expect(server.server.requests.allSatisfy { $0.header("Authorization") == "Bearer sk-secret-123" })
        #expect(server.server.requests.allSatisfy { $0.header("Content-Type") == "application/json" })
    }

    @Test("sends no Authorization header without a key variable, and nothing for no texts")
    func noKey() async throws {
        let server = try EmbeddingsFixtureServer()
        let embedder = try Self.embedder(server, keyVariable: nil)
        #expect(try await embedder.embed([]).isEmpty)
        #expect(server.server.requests.isEmpty)
        _ = try await embedder.embed(["x"])
        #expect(server.server.requests.map { $0.header("Authorization") } == [nil])
    }

    @Test("waits the Retry-After of a 429, then succeeds")
    func rateLimitedThenSuccess() async throws {
        let server = try EmbeddingsFixtureServer(script: [.status(429, headers: [(name: "Retry-After", value: "1")])])
        let clock = ContinuousClock()
        let start = clock.now
        let vectors = try await Self.embedder(server).embed(["hello"])
        #expect(clock.now - start >= .milliseconds(950))
        #expect(vectors.count == 1)
        #expect(server.server.requests.count == 2)
    }

    @Test("a 429 that outlasts the attempts is rate_limited, which is retryable")
    func rateLimitedToTheEnd() async throws {
        let tooMany = FixtureResponse.status(429, headers: [(name: "retry-after-ms", value: "20")])
        let server = try EmbeddingsFixtureServer(script: [tooMany, tooMany, tooMany])
        let error = await #expect(throws: EmbedError.self) { try await Self.embedder(server).embed(["x"]) }
        #expect(error?.kind == .rateLimited)
        #expect(error?.isRetryable == true)
        #expect(server.server.requests.count == 3)
    }

    @Test("a 500 is retried, then reported as unavailable, without the service's words")
    func serverErrors() async throws {
        let failing = FixtureResponse.text(#"{"error": {"message": "model overloaded"}}"#, contentType: "application/json", status: 500)
        let server = try EmbeddingsFixtureServer(script: Array(repeating: failing, count: 3))
        let error = await #expect(throws: EmbedError.self) { try await Self.embedder(server).embed(["x"]) }
        #expect(error?.kind == .unavailable)
        #expect(error?.message.contains("answered 500") == true)
        // Errors reach tenants (documents, steps, search): what a service says goes to the operator's log only.
        #expect(error?.message.contains("model overloaded") == false)
        #expect(server.server.requests.count == 3)
    }

    @Test("a 503 once, then success")
    func serverErrorThenSuccess() async throws {
        let server = try EmbeddingsFixtureServer(script: [.status(503)])
        #expect(try await Self.embedder(server).embed(["x"]).count == 1)
        #expect(server.server.requests.count == 2)
    }

    @Test("malformed JSON is invalid_response and not retried")
    func malformedJSON() async throws {
        let server = try EmbeddingsFixtureServer(script: [.text("{not json", contentType: "application/json")])
        let error = await #expect(throws: EmbedError.self) { try await Self.embedder(server).embed(["x"]) }
        #expect(error?.kind == .invalidResponse)
        #expect(server.server.requests.count == 1)
    }

    @Test("wrong count, wrong length, bad index or a zero vector is invalid_response", arguments: [
        #"{"data": []}"#,
        #"{"data": [{"index": 0, "embedding": [1, 2, 3]}]}"#,
        #"{"data": [{"index": 5, "embedding": [1, 2, 3, 4]}]}"#,
        #"{"data": [{"index": 0, "embedding": [0, 0, 0, 0]}]}"#,
    ])
    func invalidAnswers(_ body: String) async throws {
        let server = try EmbeddingsFixtureServer(script: [.text(body, contentType: "application/json")])
        let error = await #expect(throws: EmbedError.self) { try await Self.embedder(server).embed(["x"]) }
        #expect(error?.kind == .invalidResponse)
    }

    @Test("a refused key is unauthorized (systemic), not retried, and the message never holds the key")
    func refusedKey() async throws {
        let server = try EmbeddingsFixtureServer(script: [.text(#"{"error": {"message": "Incorrect API key"}}"#, status: 401)])
        let embedder = try Self.embedder(server)
        let error = await #expect(throws: EmbedError.self) { try await embedder.embed(["x"]) }
        #expect(error?.kind == .unauthorized && error?.isSystemic == true && error?.isRetryable == false)
        #expect(error?.message.contains("refused the API key (401)") == true)
        #expect(error?.message.contains("Incorrect API key") == false)
        #expect(error?.message.contains("sk-secret") == false)
        #expect(!String(describing: embedder).contains("sk-secret"))
        #expect(!String(reflecting: embedder).contains("sk-secret"))
        #expect(server.server.requests.count == 1)
    }

    @Test("a request that outlives the timeout is unavailable after its retries")
    func timeout() async throws {
        let hang = FixtureResponse.status(200).behaving(.hang)
        let server = try EmbeddingsFixtureServer(script: [hang, hang])
        let retry = RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(10), jitter: 0)
        let error = await #expect(throws: EmbedError.self) {
            try await Self.embedder(server, retry: retry, timeout: .milliseconds(300)).embed(["x"])
        }
        #expect(error?.kind == .unavailable)
        // The server logs a request once it has read it; on a busy machine that can trail the client's timeout.
        for _ in 0..<200 where server.server.requests.count < 2 { try await Task.sleep(for: .milliseconds(25)) }
        #expect(server.server.requests.count == 2)
    }

    @Test("connect asks the service for the dimensions when they are not configured")
    func connectProbes() async throws {
        let server = try EmbeddingsFixtureServer()
        let configuration = OpenAIEmbedderConfiguration(baseURL: server.baseURL, model: "test-embed")
        let embedder = try await OpenAIEmbedder.connect(configuration: configuration, fetcher: Self.fetcher, environment: [:])
        #expect(embedder.dimensions == 4)
        #expect(server.server.requests.count == 1)
        #expect(throws: EmbedError.self) { try OpenAIEmbedder(configuration: configuration, fetcher: Self.fetcher, environment: [:]) }
    }

    /// The service a tenant names decides the vectors' length: one answering 10,000 numbers a vector is refused at
    /// the probe, so no such vector reaches the in-memory index (every serving process holds all of them).
    @Test("a probe answering more than the maximum dimensions is refused")
    func tooManyDimensionsAreRefused() async throws {
        let long = Array(repeating: "1", count: 10_000).joined(separator: ",")
        let answer = #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":["# + long + "]}]}"
        let server = try EmbeddingsFixtureServer(script: [.bytes(Array(answer.utf8), contentType: "application/json")])
        let configuration = OpenAIEmbedderConfiguration(baseURL: server.baseURL, model: "test-embed", retry: Self.fastRetry)
        let error = await #expect(throws: EmbedError.self) {
            try await OpenAIEmbedder.connect(configuration: configuration, fetcher: Self.fetcher, environment: [:])
        }
        #expect(error?.kind == .invalidResponse)
        #expect(error?.message.contains("at most \(OpenAIEmbedder.maximumDimensions)") == true, "\(error?.message ?? "")")
    }

    @Test("a missing key variable or a base URL that is not http(s) fails at construction with kind model")
    func badConfiguration() throws {
        let keyed = OpenAIEmbedderConfiguration(baseURL: "http://127.0.0.1:1/v1", model: "m", dimensions: 4, apiKeyEnvironmentVariable: "NOPE")
        let error = #expect(throws: EmbedError.self) { try OpenAIEmbedder(configuration: keyed, fetcher: Self.fetcher, environment: [:]) }
        #expect(error?.kind == .model)
        // The variable's name is the operator's configuration: in the detail, not in what a tenant reads.
        #expect(error?.description.contains("NOPE") == true && error?.message.contains("NOPE") == false)
        let ftp = OpenAIEmbedderConfiguration(baseURL: "ftp://example.com", model: "m", dimensions: 4)
        #expect(throws: EmbedError.self) { try OpenAIEmbedder(configuration: ftp, fetcher: Self.fetcher, environment: [:]) }
    }

    @Test("an unreachable service is unavailable")
    func unreachable() async throws {
        let configuration = OpenAIEmbedderConfiguration(
            baseURL: "http://127.0.0.1:1/v1", model: "m", dimensions: 4, retry: RetryPolicy(maximumAttempts: 1))
        let error = await #expect(throws: EmbedError.self) {
            try await OpenAIEmbedder(configuration: configuration, fetcher: Self.fetcher, environment: [:]).embed(["x"])
        }
        #expect(error?.kind == .unavailable)
        // libcurl's words (addresses, ports, timings that make a port scanner, CA paths) are the operator's detail;
        // the tenant who named the URL reads the kind of failure.
        let message = error?.message ?? ""
        #expect(!message.contains(" ms") && !message.lowercased().contains("connect to"), "\(message)")
        #expect(error?.detail?.isEmpty == false)
    }

    /// A service that answers 307 (or 303) to an internal address must not get the key carried there, nor its
    /// internal answer carried back.
    @Test("a redirect is not followed: the key stays, and the target's answer never comes back", arguments: [307, 303, 301])
    func redirectsAreNotFollowed(_ status: Int) async throws {
        let inside = try FixtureServer { _ in .text("INTERNAL-SECRET-PAGE") }
        defer { inside.stop() }
        let server = try EmbeddingsFixtureServer(script: [.redirect(to: inside.url("/v1/embeddings"), status: status)])
        let error = await #expect(throws: EmbedError.self) { try await Self.embedder(server).embed(["x"]) }
        #expect(error?.kind == .invalidResponse)
        #expect(error?.message.contains("redirect (\(status)), which is not followed") == true)
        #expect(error?.message.contains("INTERNAL-SECRET-PAGE") == false)
        #expect(inside.requests.isEmpty)
        #expect(server.server.requests.count == 1)
    }

    /// The address policy is checked on the address connected to, not on an earlier lookup (so DNS rebinding gains
    /// nothing): a name that resolves to loopback is refused at connect time, once, without a retry.
    @Test("an endpoint whose name resolves to a blocked address is refused at connect, not retried")
    func blockedAddressesAreRefusedAtConnect() async throws {
        let server = try EmbeddingsFixtureServer()
        let byName = server.baseURL.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let configuration = OpenAIEmbedderConfiguration(
            baseURL: byName, model: "test-embed", dimensions: 4, addressPolicy: .publicOnly, retry: Self.fastRetry)
        let error = await #expect(throws: EmbedError.self) {
            try await OpenAIEmbedder(configuration: configuration, fetcher: Self.fetcher, environment: [:]).embed(["x"])
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.message.contains("blocked") == true || error?.message.contains("loopback") == true)
        #expect(server.server.requests.isEmpty)
    }
}
