/// A static site: exact path+query → response; anything else 404. Builders for common shapes.
public struct FixtureSite: Sendable {
    /// The responses by request target (path and query, exactly as a client sends it).
    public private(set) var pages: [String: FixtureResponse]

    /// A site serving `pages`, keyed by path and query.
    public init(_ pages: [String: FixtureResponse] = [:]) {
        self.pages = pages
    }

    /// The response for a path and query, or nil if the site has none.
    public subscript(path: String) -> FixtureResponse? {
        get { pages[path] }
        set { pages[path] = newValue }
    }

    /// The response the server sends for `request`: an exact target match, else `.notFound`.
    public func response(for request: FixtureRequest) -> FixtureResponse {
        pages[request.target] ?? .notFound
    }

    /// Gzip-compresses `bytes` (RFC 1952), e.g. to serve a sitemap.xml.gz.
    public static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        GzipCompressor.compress(bytes)
    }
}
