/// What the fixture server answers: status, headers, body, and how (or whether) to send them.
///
/// The server writes its own framing: any `Content-Length` or `Transfer-Encoding` in `headers` is
/// dropped and replaced, so a response can only misframe itself through `behavior`. `Date` and
/// `Server` are added unless `headers` already has them.
public struct FixtureResponse: Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header fields in the order they are sent.
    public var headers: [(name: String, value: String)]
    /// The body; not sent for HEAD, 1xx, 204 and 304.
    public var body: [UInt8]
    /// Whether the server answers normally or misbehaves on purpose.
    public var behavior: Behavior

    /// Ways to answer, including hostile ones for testing a client's defences.
    public enum Behavior: Sendable {
        /// Send head and body at once; keep the connection alive if the client wants it.
        case normal
        /// Send the head, then the body in chunks of `bytesPerChunk`, pausing `interval` before each.
        case drip(bytesPerChunk: Int, interval: Duration)
        /// Read the request, then abort the connection with a TCP RST (SO_LINGER 0) without answering.
        case reset
        /// Read the request and never answer, until the client leaves or the server stops.
        case hang
        /// Send a `Transfer-Encoding: chunked` body that repeats `chunk` forever, until the client leaves.
        /// An empty `chunk` would end the stream, so it is sent as a single "\n".
        case endless(chunk: [UInt8])
        /// Declare `Content-Length` N but send fewer bytes (at most N - 1 of the body), then close.
        case lyingLength(Int)
    }

    /// Creates a response from its parts.
    public init(
        status: Int = 200,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        behavior: Behavior = .normal
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.behavior = behavior
    }

    /// The value of the named header (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// A copy sent with `behavior` instead, e.g. `.html("…").behaving(.hang)`.
    public func behaving(_ behavior: Behavior) -> FixtureResponse {
        var copy = self
        copy.behavior = behavior
        return copy
    }

    /// A copy with one more header field (existing fields of that name are kept).
    public func adding(header name: String, _ value: String) -> FixtureResponse {
        var copy = self
        copy.headers.append((name: name, value: value))
        return copy
    }

    /// A copy whose body is gzip-compressed and labelled `Content-Encoding: gzip`.
    public func gzipped() -> FixtureResponse {
        var copy = self
        copy.body = GzipCompressor.compress(body)
        copy.headers.removeAll { $0.name.lowercased() == "content-encoding" }
        copy.headers.append((name: "Content-Encoding", value: "gzip"))
        return copy
    }
}
