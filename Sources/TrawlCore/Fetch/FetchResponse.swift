import Foundation

/// A complete HTTP response as received, whatever its status; network failures are `FetchFailure`s instead.
public struct FetchResponse: Sendable {
    /// The URL requested.
    public var url: CrawlURL
    /// The HTTP status code (a 404 is a response, not a failure).
    public var status: Int
    /// "1.1", "2" …, as negotiated.
    public var httpVersion: String
    /// The request line and headers exactly as sent, ending with an empty line.
    public var requestHead: [UInt8]
    /// The final status line and headers exactly as received, ending with an empty line.
    public var responseHead: [UInt8]
    /// The response headers, parsed from `responseHead`.
    public var headers: HTTPHeaders
    /// The body after content decoding (gzip, br, deflate, zstd), at most the request's `maxBodyBytes`.
    public var body: [UInt8]
    /// The body was cut at the size cap.
    public var truncated: Bool
    /// The peer's IP address, when known.
    public var ipAddress: String?
    /// When the request was started.
    public var startedAt: Date
    /// How long the transfer took, first byte out to last byte in.
    public var duration: Duration
    /// Bytes that crossed the wire for this response (headers plus encoded body).
    public var wireBytes: Int
    /// The body's share of the process's memory budget; whoever keeps the body keeps this with it.
    public var lease: MemoryLease?

    /// A response with every field given.
    public init(
        url: CrawlURL, status: Int, httpVersion: String, requestHead: [UInt8], responseHead: [UInt8],
        headers: HTTPHeaders, body: [UInt8], truncated: Bool, ipAddress: String?, startedAt: Date,
        duration: Duration, wireBytes: Int
    ) {
        self.url = url
        self.status = status
        self.httpVersion = httpVersion
        self.requestHead = requestHead
        self.responseHead = responseHead
        self.headers = headers
        self.body = body
        self.truncated = truncated
        self.ipAddress = ipAddress
        self.startedAt = startedAt
        self.duration = duration
        self.wireBytes = wireBytes
    }

    /// The media type of `Content-Type`, lower-cased, without parameters ("text/html").
    public var mediaType: String? { headers.mediaType }

    /// The `charset` parameter of `Content-Type`, if any.
    public var declaredCharset: String? { headers.charset }
}
