import Foundation
import TrawlCore

/// The trigger object as the API shows it.
public struct TriggerResource: Encodable, Sendable {
    public let trigger: Trigger

    /// The document for `trigger`.
    public init(_ trigger: Trigger) { self.trigger = trigger }

    enum CodingKeys: String, CodingKey {
        case id, name, condition, enabled
        case tenantID = "tenant_id", jobID = "job_id", nextFireAt = "next_fire_at", lastFiredAt = "last_fired_at"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(trigger.id, forKey: .id)
        try container.encode(trigger.tenantID, forKey: .tenantID)
        try container.encode(trigger.jobID, forKey: .jobID)
        try container.encode(trigger.name, forKey: .name)
        try container.encode(trigger.condition.configValue, forKey: .condition)
        try container.encode(trigger.enabled, forKey: .enabled)
        try container.encode(trigger.nextFireAt.map(Timestamp.format), forKey: .nextFireAt)
        try container.encode(trigger.lastFiredAt.map(Timestamp.format), forKey: .lastFiredAt)
        try container.encode(Timestamp.format(trigger.createdAt), forKey: .createdAt)
        try container.encode(Timestamp.format(trigger.updatedAt), forKey: .updatedAt)
    }
}
