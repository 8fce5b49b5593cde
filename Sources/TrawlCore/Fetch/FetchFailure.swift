/// Why a URL could not be fetched: the per-URL error kinds a run reports.
public struct FetchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure, stable across versions (stored and filtered on).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case dns, connect, timeout, tls
        /// The connection was reset or closed before a complete response arrived.
        case connectionReset = "connection_reset"
        /// The server broke HTTP (garbage status line, bad chunking, HTTP/2 framing).
        case protocolError = "protocol"
        /// Content decoding failed (a corrupt gzip/br body).
        case badEncoding = "bad_encoding"
        /// The resolved address is one the request's `AddressPolicy` forbids (a private network, say).
        case blockedAddress = "blocked_address"
        /// Anything else libcurl reported.
        case network
    }

    /// The class of failure.
    public var kind: Kind
    /// A human-readable explanation (libcurl's message where there is one).
    public var message: String
    /// Whether trying again later may succeed (connection-level failures).
    public var isRetryable: Bool {
        switch kind {
        case .dns, .tls, .badEncoding, .protocolError, .blockedAddress: false
        case .connect, .timeout, .connectionReset, .network: true
        }
    }

    /// A failure of `kind`.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The failure for a connection to `ipAddress` that the address policy refused for `reason`.
    public static func blockedAddress(_ ipAddress: String, reason: String) -> FetchFailure {
        FetchFailure(kind: .blockedAddress,
                     message: "refused to connect to \(ipAddress): \(reason) addresses are blocked by this crawl's address policy")
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
