extension PageRecord {
    /// The headers of the stored response.
    public var headers: HTTPHeaders { HTTPHeaders(parsingHead: responseHead) }

    /// Whether the body is HTML: by declared type, or by a sniff of the first bytes when no type was sent.
    public var isHTML: Bool { Self.isHTML(mediaType: headers.mediaType, body: body) }

    /// The shared HTML test for responses and stored pages.
    public static func isHTML(mediaType: String?, body: [UInt8]) -> Bool {
        if let mediaType { return mediaType == "text/html" || mediaType == "application/xhtml+xml" }
        let prefix = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
        return prefix.contains("<html") || prefix.contains("<!doctype html")
    }
}
