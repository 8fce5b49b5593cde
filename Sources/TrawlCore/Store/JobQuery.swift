import Foundation

/// Filters and keyset position for listing jobs, most recent first.
public struct JobQuery: Sendable {
    public var tenantID: String
    public var includeIDs: [JobID] = []
    public var excludeIDs: [JobID] = []
    public var names: [String] = []
    public var createdBefore: Date?
    public var createdAfter: Date?
    public var labels: [String: String] = [:]
    /// Keyset cursor: only jobs strictly after this (created_at, id) in descending order.
    public var after: (createdAt: Date, id: JobID)?
    public var limit: Int = 10

    /// A query over one tenant's jobs.
    public init(tenantID: String) { self.tenantID = tenantID }
}
