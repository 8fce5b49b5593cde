/// A URL's row in a run's persisted frontier: written when it is discovered, updated when it settles.
public struct FrontierRecord: Sendable, Equatable {
    /// Where the URL is in its life.
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Waiting in the in-memory frontier (or in flight).
        case queued
        /// Waiting on disk only: the in-memory frontier was full when it was discovered.
        case spilled
        /// Fetched with an HTTP response.
        case fetched
        /// Failed for good.
        case failed
        /// Refused: filters, scope, robots.txt, traps, budgets.
        case excluded
        /// Deeper than `max_depth`: known, never scheduled.
        case beyondDepth = "beyond_depth"
    }

    public var fingerprint: UInt64
    public var url: String
    public var depth: Int
    public var parentURL: String?
    public var state: State
    /// Why it was excluded or failed ("robots", "scope", "timeout" …).
    public var reason: String?
    /// Redirect hops that led here (0 for a link or seed).
    public var redirectHops: Int
    /// The HTTP status of the fetch, once fetched (read back for listings; the loop settles it separately).
    public var httpStatus: Int?

    /// A record with every field given.
    public init(fingerprint: UInt64, url: String, depth: Int, parentURL: String?, state: State, reason: String? = nil,
                redirectHops: Int = 0, httpStatus: Int? = nil) {
        self.fingerprint = fingerprint
        self.url = url
        self.depth = depth
        self.parentURL = parentURL
        self.state = state
        self.reason = reason
        self.redirectHops = redirectHops
        self.httpStatus = httpStatus
    }
}

/// A settled URL: its final state, written over the queued row.
public struct FrontierSettlement: Sendable, Equatable {
    public var fingerprint: UInt64
    public var state: FrontierRecord.State
    public var reason: String?
    public var httpStatus: Int?

    /// A settlement with every field given.
    public init(fingerprint: UInt64, state: FrontierRecord.State, reason: String? = nil, httpStatus: Int? = nil) {
        self.fingerprint = fingerprint
        self.state = state
        self.reason = reason
        self.httpStatus = httpStatus
    }
}
