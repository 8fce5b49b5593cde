/// An absolute http(s) URL in Trawl's normalised form: the unit of deduplication.
///
/// Two spellings of the same resource give the same `string`: the scheme and host are lower-cased,
/// IDN hosts are in punycode, default ports, userinfo and fragments are dropped, dot segments are
/// resolved and percent-encoding is normalised. Equality, hashing and ordering use `string` alone.
public struct CrawlURL: Sendable {
    /// The two schemes a crawler fetches.
    public enum Scheme: String, Sendable, Codable {
        case http, https

        /// The port used when a URL names none: 80 for http, 443 for https.
        public var defaultPort: Int { self == .https ? 443 : 80 }
    }

    /// URLs longer than this many UTF-8 bytes, as given or once normalised, are rejected with
    /// `URLParseError.tooLong`: a crawl's memory, its store and its exports can count on the bound.
    public static let maximumLength = 8 * 1024

    /// The URL's scheme.
    public let scheme: Scheme
    /// ASCII, lower-case; IDN labels in punycode ("xn--"); IPv6 as "[::1]".
    public let host: String
    /// The explicit port, or nil when it is the scheme's default (80/443).
    public let port: Int?
    /// Always starts with "/", dot segments removed, percent-encoding normalised.
    public let path: String
    /// The query without "?"; nil when absent; "" when the URL ends with a bare "?".
    public let query: String?
    /// The full normalised URL, kept stored because it is hashed and compared on every dedup check.
    public let string: String

    /// Parses `input` like a browser (WHATWG URL standard, special schemes http/https only), relative to `base`.
    public init(_ input: String, relativeTo base: CrawlURL? = nil) throws(URLParseError) {
        self = try URLParser.parse(input, relativeTo: base)
    }

    /// Assembles a URL from components that are already normalised, plus their serialisation.
    init(scheme: Scheme, host: String, port: Int?, path: String, query: String?, string: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.string = string
    }

    /// Assembles a URL from components that are already normalised.
    init(scheme: Scheme, host: String, port: Int?, path: String, query: String?) {
        var string = scheme.rawValue + "://" + host
        if let port { string += ":\(port)" }
        string += path
        if let query { string += "?" + query }
        self.init(scheme: scheme, host: host, port: port, path: path, query: query, string: string)
    }

    /// The port a connection goes to: the explicit one or the scheme's default.
    public var effectivePort: Int { port ?? scheme.defaultPort }

    /// The scheme, host and effective port: the unit of robots.txt and politeness.
    public var origin: Origin { Origin(scheme: scheme, host: host, port: effectivePort) }

    /// The request target: the path followed by "?" and the query when there is one.
    public var pathAndQuery: String {
        guard let query else { return path }
        return path + "?" + query
    }

    /// "scheme://host[:port]" as it starts `string`, in UTF-8 bytes.
    var authorityPrefixLength: Int {
        string.utf8.count - path.utf8.count - (query.map { $0.utf8.count + 1 } ?? 0)
    }
}

extension CrawlURL: Hashable {
    /// Equal when the normalised strings are equal; the components follow from the string.
    public static func == (lhs: CrawlURL, rhs: CrawlURL) -> Bool { lhs.string == rhs.string }

    /// Hashes the normalised string only.
    public func hash(into hasher: inout Hasher) { hasher.combine(string) }
}

extension CrawlURL: Comparable {
    /// Orders by the normalised string, so sorted output is stable and readable.
    public static func < (lhs: CrawlURL, rhs: CrawlURL) -> Bool { lhs.string < rhs.string }
}

extension CrawlURL: CustomStringConvertible {
    /// The normalised URL.
    public var description: String { string }
}
