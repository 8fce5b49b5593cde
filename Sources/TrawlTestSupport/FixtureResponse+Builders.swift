/// Builders for the responses tests need most.
extension FixtureResponse {
    /// An HTML page, `text/html; charset=utf-8`.
    public static func html(
        _ html: String, status: Int = 200, headers: [(name: String, value: String)] = []
    ) -> FixtureResponse {
        FixtureResponse(
            status: status,
            headers: [(name: "Content-Type", value: "text/html; charset=utf-8")] + headers,
            body: Array(html.utf8)
        )
    }

    /// A text body with the given content type (plain UTF-8 text by default).
    public static func text(
        _ text: String, contentType: String = "text/plain; charset=utf-8", status: Int = 200
    ) -> FixtureResponse {
        FixtureResponse(status: status, headers: [(name: "Content-Type", value: contentType)], body: Array(text.utf8))
    }

    /// Raw bytes with the given content type.
    public static func bytes(_ bytes: [UInt8], contentType: String, status: Int = 200) -> FixtureResponse {
        FixtureResponse(status: status, headers: [(name: "Content-Type", value: contentType)], body: bytes)
    }

    /// A redirect to `location` (sent verbatim, so relative references stay relative).
    public static func redirect(to location: String, status: Int = 301) -> FixtureResponse {
        FixtureResponse(status: status, headers: [(name: "Location", value: location)])
    }

    /// A bare status with an empty body, e.g. `.status(503, headers: [("Retry-After", "5")])`.
    public static func status(_ code: Int, headers: [(name: String, value: String)] = []) -> FixtureResponse {
        FixtureResponse(status: code, headers: headers)
    }

    /// 404 with a short plain-text body.
    public static let notFound = FixtureResponse.text("404 Not Found\n", status: 404)
}
