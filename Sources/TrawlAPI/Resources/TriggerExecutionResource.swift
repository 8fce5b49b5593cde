import Foundation
import TrawlCore

/// One execution of a trigger as the API shows it.
public struct TriggerExecutionResource: Encodable, Sendable {
    public let execution: TriggerExecution

    /// The document for `execution`.
    public init(_ execution: TriggerExecution) { self.execution = execution }

    enum CodingKeys: String, CodingKey {
        case id, status, reason
        case triggerID = "trigger_id", jobID = "job_id", runID = "run_id", scheduledFor = "scheduled_for"
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(execution.id, forKey: .id)
        try container.encode(execution.triggerID, forKey: .triggerID)
        try container.encode(execution.jobID, forKey: .jobID)
        try container.encode(execution.status.rawValue, forKey: .status)
        try container.encode(execution.runID, forKey: .runID)
        try container.encode(execution.reason, forKey: .reason)
        try container.encode(Timestamp.format(execution.scheduledFor), forKey: .scheduledFor)
        try container.encode(Timestamp.format(execution.createdAt), forKey: .createdAt)
    }
}
