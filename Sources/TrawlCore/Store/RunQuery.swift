import Foundation

/// Filters and keyset position for listing runs, most recent first.
public struct RunQuery: Sendable, Equatable {
    public var tenantID: String
    public var jobIDs: [JobID] = []
    public var includeIDs: [RunID] = []
    public var excludeIDs: [RunID] = []
    public var statuses: [RunStatus] = []
    public var stopReasons: [StopReason] = []
    public var createdBefore: Date?
    public var createdAfter: Date?
    public var labels: [String: String] = [:]
    /// Only runs with an error (true) or without one (false); nil for both.
    public var failed: Bool?
    /// Only runs ready for all of these.
    public var readyFor: [SearchReadiness] = []
    /// Keyset cursor: only runs strictly after this (created_at, id) in descending order.
    public var after: (createdAt: Date, id: RunID)?
    public var limit: Int = 10

    /// A query over one tenant's runs.
    public init(tenantID: String) { self.tenantID = tenantID }

    public static func == (lhs: RunQuery, rhs: RunQuery) -> Bool {
        lhs.tenantID == rhs.tenantID && lhs.jobIDs == rhs.jobIDs && lhs.includeIDs == rhs.includeIDs
            && lhs.excludeIDs == rhs.excludeIDs && lhs.statuses == rhs.statuses && lhs.stopReasons == rhs.stopReasons
            && lhs.createdBefore == rhs.createdBefore && lhs.createdAfter == rhs.createdAfter && lhs.labels == rhs.labels
            && lhs.failed == rhs.failed && lhs.readyFor == rhs.readyFor && lhs.after?.createdAt == rhs.after?.createdAt && lhs.after?.id == rhs.after?.id && lhs.limit == rhs.limit
    }
}
