import Foundation

/// What happened to one URL at one step of a run: the run's log, one entry per URL per step.
public struct CrawlLogEntry: Sendable, Equatable {
    /// The steps a URL goes through.
    public enum Step: String, Sendable, CaseIterable {
        /// Admission to the frontier: queued, or excluded by filters, scope, budgets or depth.
        case schedule
        /// The HTTP fetch (final attempt), or its refusal by robots.txt.
        case fetch
        /// HTML parsing and link extraction.
        case parse
    }

    /// The outcome of a step.
    public enum Status: String, Sendable, CaseIterable {
        case ok
        case error
        case excluded
    }

    /// Store order; 0 until the entry is stored.
    public var sequence: Int64
    public var step: Step
    public var status: Status
    public var url: String
    public var host: String
    public var depth: Int
    public var httpStatus: Int?
    /// How long the step took (the fetch's transfer time, the parse's CPU time).
    public var latencyMilliseconds: Int?
    /// Why the step was not ok: an exclusion ("robots", "scope" …) or a failure kind ("timeout", "http_status" …).
    public var reason: String?
    public var at: Date

    /// An entry with every field given.
    public init(sequence: Int64 = 0, step: Step, status: Status, url: String, host: String, depth: Int,
                httpStatus: Int? = nil, latencyMilliseconds: Int? = nil, reason: String? = nil, at: Date) {
        self.sequence = sequence
        self.step = step
        self.status = status
        self.url = url
        self.host = host
        self.depth = depth
        self.httpStatus = httpStatus
        self.latencyMilliseconds = latencyMilliseconds
        self.reason = reason
        self.at = at
    }
}
