/// How pages are fetched over HTTP.
public struct FetcherOptions: Sendable, Equatable {
    /// The user agent sent when a manifest names none.
    public static let defaultUserAgent = "Trawl/0.1 (+https://github.com/trawl)"

    /// The `User-Agent` header; its leading product name is also the name matched in robots.txt.
    public var userAgent: String
    /// Extra request headers.
    public var headers: [String: String]
    /// The limit for a whole transfer.
    public var timeout: Duration
    /// The limit for establishing a connection.
    public var connectTimeout: Duration
    /// Redirects followed before giving up.
    public var maxRedirects: Int
    /// Retries after a failure that may be transient.
    public var maxRetries: Int
    /// The largest response body accepted, in bytes.
    public var maxBodyBytes: Int

    /// The largest `max_body_bytes` a manifest may give; the store refuses anything larger than it can hold
    /// rather than trap on it.
    public static let maximumBodyBytes = 128 << 20

    /// Options with the given settings.
    public init(
        userAgent: String = FetcherOptions.defaultUserAgent, headers: [String: String] = [:],
        timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10),
        maxRedirects: Int = 10, maxRetries: Int = 2, maxBodyBytes: Int = 10 << 20
    ) {
        self.userAgent = userAgent
        self.headers = headers
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxRedirects = maxRedirects
        self.maxRetries = maxRetries
        self.maxBodyBytes = maxBodyBytes
    }

    /// The leading `[A-Za-z_-]+` of `userAgent` ("Trawl" for "Trawl/0.1 …"), the name robots.txt groups are matched on.
    public var productToken: String {
        String(userAgent.prefix { $0.isASCII && ($0.isLetter || $0 == "_" || $0 == "-") })
    }
}
