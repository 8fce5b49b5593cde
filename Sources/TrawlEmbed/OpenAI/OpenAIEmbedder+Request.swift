import Foundation
import TrawlCore

extension OpenAIEmbedder {
    /// Longest piece of a service's error text written to the log.
    static let loggedErrorLength = 300
    /// Most dimensions a vector may have (the largest services' models give 3,072 or 4,096). Every vector stays in each
    /// serving process's memory, and a tenant's own service decides the length: without a cap, one answering 160,000
    /// numbers a vector made each chunk cost 640 KB.
    public static let maximumDimensions = 8_192
    /// Largest answer read for `count` texts: about 32 bytes per number as JSON, and 64 KiB of slack; a probe (no
    /// dimensions yet) may name up to 8,192 of them. A service answering more is refused before JSON decoding
    /// turns its answer into gigabytes.
    func maxAnswerBytes(for count: Int) -> Int {
        count * max(dimensions > 0 ? dimensions : Self.maximumDimensions, 1) * 32 + (64 << 10)
    }

    /// One request for `texts`, its answer checked and normalised.
    func request(_ texts: [String]) async throws(AttemptFailure) -> [[Float]] {
        // OpenAI rejects an empty string as input; a single space embeds the same "nothing" and keeps positions.
        let body = EmbeddingsWire.Request(model: model, input: texts.map { $0.isEmpty ? " " : $0 })
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if let apiKey { headers.append(("Authorization", "Bearer \(apiKey.value)")) }
        let encoded: [UInt8]
        do {
            encoded = Array(try JSONEncoder().encode(body))
        } catch {
            throw .final(EmbedError(.invalidResponse, "cannot encode the embedding request", detail: "\(error)"))
        }
        let request = FetchRequest(url: endpoint, userAgent: "Trawl-embed/0.1", headers: headers,
                                   timeout: configuration.timeout, connectTimeout: min(configuration.timeout, .seconds(10)),
                                   maxBodyBytes: maxAnswerBytes(for: texts.count), addressPolicy: configuration.addressPolicy,
                                   body: encoded)
        let response: FetchResponse
        switch await fetcher.fetch(request) {
        case .success(let answer):
            response = answer
        case .failure(let failure):
            // libcurl's words (naming CA files, proxies, addresses and timings) are the operator's detail; the tenant
            // reads the kind of failure, or the address policy's own sentence, which names the kind of address only.
            let shown = failure.kind == .blockedAddress ? failure.message : failure.kind.rawValue
            let error = EmbedError(.unavailable, "cannot reach \(serviceName): \(shown)", detail: failure.message)
            if failure.kind == .blockedAddress { throw .final(error) }
            throw .retryable(error, retryAfter: nil)
        }
        if response.truncated {
            throw .final(EmbedError(.invalidResponse, "\(serviceName) answered more than an embeddings answer can be"))
        }
        try check(response)
        return try decode(Data(response.body), count: texts.count)
    }

    /// Maps a non-2xx status to the failure it means: 429 and 5xx are retryable, other 4xx and redirects final.
    /// The service's own explanation goes to the log only.
    func check(_ response: FetchResponse) throws(AttemptFailure) {
        let status = response.status
        guard !(200 ..< 300).contains(status) else { return }
        if let message = Self.serverMessage(response.body) {
            logger.warning("embedding service answered \(status)", metadata: [
                "service": .string(serviceName), "message": .string(message),
            ])
        }
        let retryAfter = RetryAfter.parse(milliseconds: response.headers["retry-after-ms"], value: response.headers["Retry-After"])
        switch status {
        case 429:
            throw .retryable(EmbedError(.rateLimited, "\(serviceName) is rate-limiting requests (429)"), retryAfter: retryAfter)
        case 500 ... 599:
            throw .retryable(EmbedError(.unavailable, "\(serviceName) answered \(status)"), retryAfter: retryAfter)
        case 401, 403:
            throw .final(EmbedError(.unauthorized, "\(serviceName) refused the API key (\(status))"))
        case 300 ... 399:
            throw .final(EmbedError(.invalidResponse,
                                    "\(serviceName) answered a redirect (\(status)), which is not followed"))
        default:
            throw .final(EmbedError(.invalidResponse, "\(serviceName) refused the request (\(status))"))
        }
    }

    /// The `error.message` of an error body, or the start of a plain-text one, on one line, for the log.
    static func serverMessage(_ body: [UInt8]) -> String? {
        let text: String
        if let decoded = try? JSONDecoder().decode(EmbeddingsWire.ErrorResponse.self, from: Data(body)),
            let message = decoded.error.message
        {
            text = message
        } else {
            text = String(decoding: body.prefix(4 * loggedErrorLength), as: UTF8.self)
        }
        let line = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty else { return nil }
        return line.count > loggedErrorLength ? String(line.prefix(loggedErrorLength)) + "…" : line
    }

    /// The vectors of a 200 answer, in input order, each checked and L2-normalised.
    func decode(_ data: Data, count: Int) throws(AttemptFailure) -> [[Float]] {
        func invalid(_ message: String) -> AttemptFailure {
            .final(EmbedError(.invalidResponse, "\(serviceName) \(message)"))
        }
        let response: EmbeddingsWire.Response
        do {
            response = try JSONDecoder().decode(EmbeddingsWire.Response.self, from: data)
        } catch {
            throw invalid("answered something that is not an embeddings response")
        }
        guard response.data.count == count else {
            throw invalid("returned \(response.data.count) embeddings for \(count) inputs")
        }
        var vectors = [[Float]?](repeating: nil, count: count)
        for (position, item) in response.data.enumerated() {
            let index = item.index ?? position
            guard vectors.indices.contains(index), vectors[index] == nil else {
                throw invalid("returned embedding index \(index) out of range or twice")
            }
            // Every vector must match the configured length, or the first one when probing (dimensions 0).
            let expected = dimensions > 0 ? dimensions : response.data[0].embedding.count
            guard expected <= Self.maximumDimensions else {
                throw invalid("returned \(expected)-dimensional embeddings; at most \(Self.maximumDimensions) are taken")
            }
            guard item.embedding.count == expected, expected > 0 else {
                let which = configuration.displayName == nil ? model : "the model"
                throw invalid("returned a \(item.embedding.count)-dimensional embedding; \(which) should give \(expected)")
            }
            var squares: Float = 0
            for value in item.embedding { squares += value * value }
            guard squares.isFinite, squares > 0 else {
                throw invalid("returned an embedding that is zero or not finite")
            }
            let inverse = 1 / squares.squareRoot()
            vectors[index] = item.embedding.map { $0 * inverse }
        }
        return vectors.map { $0! }
    }
}
