import Foundation

/// One HTTP exchange as Trawl stored it.
public struct WARCExchange: Sendable, Equatable {
    /// The URI that was requested (after redirects, the one this response answers).
    public var targetURI: String
    /// When the response was received.
    public var date: Date
    /// The peer's IP address, when the fetcher knows it.
    public var ipAddress: String?
    /// Request line + headers + CRLFCRLF exactly as sent (HTTP/1.1 or HTTP/2 pseudo-header-less form).
    public var requestHead: [UInt8]
    /// Status line + headers + CRLFCRLF as received (may start "HTTP/2 200").
    public var responseHead: [UInt8]
    /// The payload after content decoding (libcurl decodes gzip/br/deflate).
    public var body: [UInt8]
    /// Whether the body was cut at the fetcher's size cap.
    public var truncated: Bool

    /// Creates an exchange from what the fetcher recorded.
    public init(
        targetURI: String,
        date: Date,
        ipAddress: String? = nil,
        requestHead: [UInt8],
        responseHead: [UInt8],
        body: [UInt8],
        truncated: Bool = false
    ) {
        self.targetURI = targetURI
        self.date = date
        self.ipAddress = ipAddress
        self.requestHead = requestHead
        self.responseHead = responseHead
        self.body = body
        self.truncated = truncated
    }
}
