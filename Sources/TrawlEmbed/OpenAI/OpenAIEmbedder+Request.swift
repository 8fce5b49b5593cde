import Foundation
import TrawlCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension OpenAIEmbedder {
    /// Longest piece of a server's error text quoted in a message.
    static let quotedErrorLength = 300

    /// One request for `texts`, its answer checked and normalised.
    func request(_ texts: [String]) async throws(AttemptFailure) -> [[Float]] {
        // OpenAI rejects an empty string as input; a single space embeds the same "nothing" and keeps positions.
        let body = EmbeddingsWire.Request(model: model, input: texts.map { $0.isEmpty ? " " : $0 })
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let apiKey { request.setValue("Bearer \(apiKey.value)", forHTTPHeaderField: "Authorization") }
        do {
            request.httpBody = try JSONEncoder().encode(body)
        } catch {
            throw .final(EmbedError(.invalidResponse, "cannot encode the embedding request: \(error)"))
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw .retryable(
                EmbedError(.unavailable, "cannot reach \(endpoint.absoluteString): \(error.localizedDescription)"),
                retryAfter: nil)
        }
        guard let http = response as? HTTPURLResponse else {
            throw .final(EmbedError(.invalidResponse, "\(endpoint.absoluteString) did not answer over HTTP"))
        }
        try Self.check(status: http, body: data, endpoint: endpoint)
        return try decode(data, count: texts.count)
    }

    /// Maps a non-2xx status to the failure it means: 429 and 5xx are retryable, other 4xx are final.
    static func check(status http: HTTPURLResponse, body: Data, endpoint: URL) throws(AttemptFailure) {
        let status = http.statusCode
        guard !(200 ..< 300).contains(status) else { return }
        let detail = serverMessage(body).map { ": \($0)" } ?? ""
        let retryAfter = RetryAfter.parse(
            milliseconds: http.value(forHTTPHeaderField: "retry-after-ms"),
            value: http.value(forHTTPHeaderField: "Retry-After"))
        let service = endpoint.absoluteString
        switch status {
        case 429:
            let error = EmbedError(.rateLimited, "\(service) is rate-limiting requests (429)\(detail)")
            throw .retryable(error, retryAfter: retryAfter)
        case 500 ... 599:
            throw .retryable(EmbedError(.unavailable, "\(service) answered \(status)\(detail)"), retryAfter: retryAfter)
        case 401, 403:
            throw .final(EmbedError(.unauthorized, "\(service) refused the API key (\(status))\(detail)"))
        default:
            throw .final(EmbedError(.invalidResponse, "\(service) refused the request (\(status))\(detail)"))
        }
    }

    /// The `error.message` of an error body, or the start of a plain-text one.
    static func serverMessage(_ body: Data) -> String? {
        let text: String
        if let decoded = try? JSONDecoder().decode(EmbeddingsWire.ErrorResponse.self, from: body),
            let message = decoded.error.message
        {
            text = message
        } else if let plain = String(data: body, encoding: .utf8) {
            text = plain
        } else {
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return trimmed.count > quotedErrorLength ? String(trimmed.prefix(quotedErrorLength)) + "…" : trimmed
    }

    /// The vectors of a 200 answer, in input order, each checked and L2-normalised.
    func decode(_ data: Data, count: Int) throws(AttemptFailure) -> [[Float]] {
        func invalid(_ message: String) -> AttemptFailure {
            .final(EmbedError(.invalidResponse, "\(endpoint.absoluteString) \(message)"))
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
            guard item.embedding.count == expected, expected > 0 else {
                throw invalid("returned a \(item.embedding.count)-dimensional embedding; \(model) should give \(expected)")
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
