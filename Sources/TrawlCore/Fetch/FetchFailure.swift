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

    /// The failure for a connection the address policy refused for `reason` (`private`, `loopback`, …). It does not
    /// name the address: tenants read these messages, and a host name they chose, resolved by this server, would
    /// otherwise tell them the server's internal addresses.
    public static func blockedAddress(reason: String) -> FetchFailure {
        FetchFailure(kind: .blockedAddress,
                     message: "refused to connect: the host resolves to a \(reason) address, which this crawl's address policy blocks")
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
