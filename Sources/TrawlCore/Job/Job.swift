import Foundation

/// A stored crawl manifest; each execution of it is a `Run`.
public struct Job: Sendable, Equatable {
    public var id: JobID
    public var tenantID: String
    public var name: String
    public var labels: [String: String]
    public var config: CrawlConfig
    public var createdAt: Date
    public var updatedAt: Date

    /// A job with every field given.
    public init(id: JobID = JobID(), tenantID: String, name: String, labels: [String: String], config: CrawlConfig,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.labels = labels
        self.config = config
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
