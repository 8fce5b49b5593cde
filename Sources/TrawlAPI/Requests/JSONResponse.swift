import Foundation
import HTTPTypes
import Hummingbird
import TrawlCore

/// Builds JSON responses with one encoder configuration, so every body reads alike.
enum JSONResponse {
    /// `value` encoded as JSON with `status`.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// A body already written as JSON (the hot documents, see `JSONWriter`).
    static func make(json: JSONWriter, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }

    /// The envelope for `error`; encoding it cannot fail, but if it did the client still gets the status.
    static func error(_ error: APIError) -> Response {
        var response = (try? make(error, status: error.status)) ?? Response(status: error.status)
        for field in error.headers { response.headers.append(field) }
        return response
    }

    /// 204 with no body.
    static func noContent() -> Response {
        Response(status: .noContent)
    }
}
