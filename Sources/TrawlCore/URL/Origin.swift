/// scheme://host[:port] — the unit of robots.txt and politeness.
public struct Origin: Hashable, Sendable, CustomStringConvertible {
    /// The origin's scheme.
    public let scheme: CrawlURL.Scheme
    /// The normalised host, as in `CrawlURL.host`.
    public let host: String
    /// The effective port: always set, even when it is the scheme's default.
    public let port: Int

    /// Creates an origin from normalised parts; `CrawlURL.origin` is the usual way to get one.
    public init(scheme: CrawlURL.Scheme, host: String, port: Int) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// "https://example.com", with the port only when it is not the scheme's default.
    public var string: String {
        port == scheme.defaultPort
            ? scheme.rawValue + "://" + host
            : scheme.rawValue + "://" + host + ":" + String(port)
    }

    /// The origin's string form.
    public var description: String { string }

    /// Where this origin's robots.txt lives: "/robots.txt" on the same scheme, host and port.
    public var robotsTxtURL: CrawlURL {
        CrawlURL(
            scheme: scheme, host: host, port: port == scheme.defaultPort ? nil : port,
            path: "/robots.txt", query: nil)
    }
}
