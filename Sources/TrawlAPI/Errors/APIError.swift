import HTTPTypes

/// An error as the API answers it: one status, one stable code, a message for people and, for 422, every bad field.
struct APIError: Error, Sendable, Equatable {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `invalid_cursor`.
    var code: String
    /// What went wrong, phrased for the client.
    var message: String
    /// Every bad field (422 only).
    var fields: [FieldIssue]?
    /// Extra response headers, e.g. `Allow` on a 405.
    var headers: HTTPFields = [:]

    /// An error with every part given.
    init(status: HTTPResponse.Status, code: String, message: String, fields: [FieldIssue]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }
}

extension APIError {
    /// 400 `bad_request`.
    static func badRequest(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "bad_request", message: message)
    }

    /// 400 `invalid_json`.
    static func invalidJSON(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "invalid_json", message: message)
    }

    /// 400 `invalid_cursor`: a cursor that is malformed or was minted for another list.
    static let invalidCursor = APIError(
        status: .badRequest, code: "invalid_cursor",
        message: "page is not a cursor returned by this endpoint with these filters"
    )

    /// 401 `unauthorized`.
    static let unauthorized = APIError(
        status: .unauthorized, code: "unauthorized", message: "a valid API key is required (Authorization: Bearer <key>)"
    )

    /// 403 `forbidden` for a tenant the key may not use.
    static func forbidden(tenant: String) -> APIError {
        APIError(status: .forbidden, code: "forbidden", message: "this API key may not access tenant '\(tenant)'")
    }

    /// 404 `not_found`.
    static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: message)
    }

    /// 405 `method_not_allowed`, naming the methods the path does serve.
    static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        var error = APIError(status: .methodNotAllowed, code: "method_not_allowed",
                             message: "this path only accepts \(list)")
        error.headers[.allow] = list
        return error
    }

    /// 413 `payload_too_large`.
    static func payloadTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "payload_too_large",
                 message: "the request body exceeds the limit of \(limit) bytes")
    }

    /// 415 `unsupported_media_type`.
    static let unsupportedMediaType = APIError(
        status: .unsupportedMediaType, code: "unsupported_media_type",
        message: "request bodies must be JSON (Content-Type: application/json)"
    )

    /// 415 `unsupported_media_type` for a state-changing request that could have come from another site's form.
    static let crossSiteRefused = APIError(
        status: .unsupportedMediaType, code: "unsupported_media_type",
        message: "requests that change state must send a JSON body (Content-Type: application/json), "
            + "an Authorization header or an X-Trawl-Client header"
    )

    /// 408 `request_timeout`: the body did not arrive in time.
    static let requestTimeout = APIError(
        status: .requestTimeout, code: "request_timeout", message: "the request body did not arrive in time"
    )

    /// 421 `misdirected_request`: the `Host` names none of this server's host names (DNS rebinding, a wrong proxy).
    static let misdirected = APIError(
        status: .misdirectedRequest, code: "misdirected_request",
        message: "the Host header names a host this server does not answer for; add it to allowed_hosts"
    )

    /// 422 `validation_failed` listing every issue; the message summarises the first.
    static func validation(_ fields: [FieldIssue]) -> APIError {
        // "path: problem", so the summary reads as one statement whatever the field's own message is.
        let first = fields.first.map { $0.field.isEmpty ? $0.message : "\($0.field): \($0.message)" } ?? "invalid request"
        let more = fields.count > 1 ? " (and \(fields.count - 1) more)" : ""
        // The first `maximumIssues` are listed: a megabyte body of bad fields must not make a larger answer.
        return APIError(status: .unprocessableContent, code: "validation_failed", message: first + more,
                        fields: Array(fields.prefix(QueryReader.maximumIssues)))
    }

    /// 500 `internal`: the message names the request so the log line can be found, and nothing else.
    static func `internal`(requestID: String) -> APIError {
        APIError(status: .internalServerError, code: "internal",
                 message: "an internal error occurred; quote request id \(requestID) when reporting it")
    }

    /// 503 `unavailable` while the service is not ready.
    static let unavailable = APIError(
        status: .serviceUnavailable, code: "unavailable", message: "the service is not ready"
    )
}
