/// One HTTP request: a GET, or a POST when it carries a body (an embedding service's). Redirects are never
/// followed by the fetcher: the engine checks every hop, and a POST that carries a key must not be sent onwards.
public struct FetchRequest: Sendable {
    /// The URL to request.
    public var url: CrawlURL
    /// The `User-Agent` header sent.
    public var userAgent: String
    /// Extra request headers, sent in order.
    public var headers: [(name: String, value: String)]
    /// Limit on the whole transfer, from connect to the last byte.
    public var timeout: Duration
    /// Limit on establishing the connection (DNS, TCP, TLS).
    public var connectTimeout: Duration
    /// Decoded body bytes kept; past this the transfer is cut and the response marked truncated.
    public var maxBodyBytes: Int
    /// Which resolved addresses the connection may use; checked on every connection, new or reused.
    public var addressPolicy: AddressPolicy = .allowAll
    /// The body of a POST; nil sends a GET.
    public var body: [UInt8]?

    /// A request with the given limits.
    public init(
        url: CrawlURL,
        userAgent: String,
        headers: [(name: String, value: String)] = [],
        timeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(10),
        maxBodyBytes: Int = 10 << 20,
        addressPolicy: AddressPolicy = .allowAll,
        body: [UInt8]? = nil
    ) {
        self.url = url
        self.userAgent = userAgent
        self.headers = headers
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxBodyBytes = maxBodyBytes
        self.addressPolicy = addressPolicy
        self.body = body
    }
}
