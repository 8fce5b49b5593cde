import Foundation
import TrawlCore

/// The job object as the API shows it: snake_case, the resolved config, RFC 3339 timestamps.
public struct JobResource: Encodable, Sendable {
    public let job: Job

    /// The document for `job`.
    public init(_ job: Job) { self.job = job }

    enum CodingKeys: String, CodingKey {
        case id, name, labels, config
        case tenantID = "tenant_id", createdAt = "created_at", updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(job.id, forKey: .id)
        try container.encode(job.tenantID, forKey: .tenantID)
        try container.encode(job.name, forKey: .name)
        try container.encode(job.labels, forKey: .labels)
        try container.encode(job.config.shownConfigValue, forKey: .config)
        try container.encode(Timestamp.format(job.createdAt), forKey: .createdAt)
        try container.encode(Timestamp.format(job.updatedAt), forKey: .updatedAt)
    }
}
