import Foundation
import HTTPTypes
import Hummingbird
import TrawlCore

/// Reads a request body as JSON: size limit (413), arrival time (408), media type (415) and syntax (400) are
/// checked here, once.
enum JSONBody {
    /// The decoded body, or nil when the request has none.
    static func read(_ request: Request, limits: BodyLimits) async throws -> ConfigValue? {
        let bytes = try await bytes(of: request, limits: limits)
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return nil }
        guard isJSON(request.headers[.contentType]) else { throw APIError.unsupportedMediaType }
        // One reader for every JSON→ConfigValue: keys keep the client's order, and the error says where it broke.
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw APIError.invalidJSON("the request body is not UTF-8") }
        do {
            return try JSONReader.value(of: text)
        } catch {
            throw APIError.invalidJSON("the request body is not valid JSON: \(error)")
        }
    }

    /// The body's bytes, within `limits` (413 beyond the size, 408 beyond the time).
    static func bytes(of request: Request, limits: BodyLimits) async throws -> Data {
        let limit = limits.maxBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.payloadTooLarge(limit: limit)
        }
        let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                var buffer = ByteBuffer()
                for try await chunk in request.body {
                    guard buffer.readableBytes + chunk.readableBytes <= limit else {
                        throw APIError.payloadTooLarge(limit: limit)
                    }
                    var chunk = chunk
                    buffer.writeBuffer(&chunk)
                }
                return buffer
            }
            group.addTask {
                try await Task.sleep(for: limits.timeout)
                return nil
            }
            defer { group.cancelAll() }
            // The first to finish decides: the whole body, or the deadline (a body sent a byte at a time).
            guard let first = try await group.next(), let buffer = first else { throw APIError.requestTimeout }
            return buffer
        }
        return Data(buffer.readableBytesView)
    }

    /// `application/json` or a `+json` type, parameters such as `charset` ignored.
    static func isJSON(_ contentType: String?) -> Bool {
        // An empty header splits into no parts at all, so the media type is whatever comes before the first `;`.
        guard let type = contentType?.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first?
            .trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }
}
