import Foundation

/// One request as the fixture server received it, body included.
public struct FixtureRequest: Sendable {
    /// The method as sent, e.g. "GET".
    public let method: String
    /// The request target as sent: path and query, e.g. "/a/b?x=1".
    public let target: String
    /// The protocol version from the request line, e.g. "HTTP/1.1".
    public let version: String
    /// Header fields in arrival order, names as sent.
    public let headers: [(name: String, value: String)]
    /// When the request head was fully read.
    public let receivedAt: Date
    /// Which TCP connection carried it (1, 2, … per server), so tests can see keep-alive reuse.
    public let connectionID: Int
    /// The request body, chunk framing removed; empty when there was none.
    public let body: [UInt8]

    /// Creates a request; the server builds these, tests may too to drive a handler or site directly.
    public init(
        method: String = "GET",
        target: String,
        version: String = "HTTP/1.1",
        headers: [(name: String, value: String)] = [],
        receivedAt: Date = Date(),
        connectionID: Int = 0,
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.receivedAt = receivedAt
        self.connectionID = connectionID
        self.body = body
    }

    /// The target without its query string.
    public var path: String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    /// The query string without "?", or nil if the target has none.
    public var query: String? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: mark)...])
    }

    /// The value of the named header (case-insensitive); repeated fields are joined with ", " as HTTP allows.
    public func header(_ name: String) -> String? {
        let values = headers.lazy.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }
}
