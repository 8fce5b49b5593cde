/// An HTTP/1.1 server on 127.0.0.1 (ephemeral port) that answers with a handler; for tests only.
///
/// One thread accepts and one thread serves each connection, so a `hang` or `drip` response never
/// holds up other clients. Every request is logged before the handler runs.
public final class FixtureServer: Sendable {
    /// The TCP port the server listens on.
    public let port: Int

    private let tracker = ConnectionTracker()
    private let log = RequestLog()

    /// Starts serving at once, answering every request with `handler` (called on a connection's thread).
    public init(handler: @escaping @Sendable (FixtureRequest) -> FixtureResponse) throws(FixtureServerError) {
        let listener = try Listener.open()
        port = listener.port
        listener.startAccepting(tracker: tracker, log: log, handler: handler)
    }

    /// Starts serving a static site: exact path-and-query matches, anything else 404.
    public convenience init(site: FixtureSite) throws(FixtureServerError) {
        try self.init { request in site.response(for: request) }
    }

    deinit {
        tracker.stop()
    }

    /// "http://127.0.0.1:PORT".
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The absolute URL of a path and query on this server; a missing leading "/" is added.
    public func url(_ pathAndQuery: String) -> String {
        pathAndQuery.hasPrefix("/") ? baseURL + pathAndQuery : baseURL + "/" + pathAndQuery
    }

    /// Every request received so far, in arrival order (a copy).
    public var requests: [FixtureRequest] { log.snapshot }

    /// How many requests had exactly this target (path and query), e.g. "/robots.txt".
    public func requestCount(path: String) -> Int {
        log.count(target: path)
    }

    /// Closes the listener and shuts every connection, then waits briefly for their threads; idempotent.
    public func stop() {
        tracker.stop()
    }
}
