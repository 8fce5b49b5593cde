/// A run's counters, flat as the API shows them; persisted with every store batch. Written and read in one layout
/// (`RunProgress+Layout`), wherever they go.
public struct RunProgress: Sendable, Equatable {
    /// URLs accepted into the frontier (seeds included).
    public var discovered = 0
    /// URLs waiting in the frontier.
    public var queued = 0
    /// Requests on the wire.
    public var inFlight = 0
    /// URLs fetched with an HTTP response, whatever the status.
    public var fetched = 0
    /// URLs that failed for good (network errors after retries).
    public var failed = 0
    /// URLs refused by filters, scope, robots.txt, traps or limits.
    public var excluded = 0
    /// fetched + failed + reused: what `max_urls` counts.
    public var processed = 0
    /// Of the fetched URLs, those whose payload was the previous run's: a 304, or a body with the same digest.
    public var unchanged = 0
    /// URLs not requested at all because the previous run's copy counts as current (`min_age`, sitemap `lastmod`).
    public var reused = 0
    /// The deepest link distance fetched so far.
    public var depthReached = 0
    /// Bytes received on the wire.
    public var bytesDownloaded = 0
    /// Responses by HTTP status code ("200": 17).
    public var httpStatus: [String: Int] = [:]
    /// Scheduling evaluations made.
    public var evaluations = 0
    /// The current streak of empty evaluations.
    public var emptyEvaluations = 0

    /// All counters at zero.
    public init() {}
}
