import Foundation
import TrawlCore

/// The run object as the API and `--json` show it (docs/api.md): snake_case, RFC 3339 timestamps with milliseconds.
public struct RunResource: Encodable, Sendable {
    public let run: Run

    /// The document for `run`.
    public init(_ run: Run) { self.run = run }

    enum CodingKeys: String, CodingKey {
        case id, status, labels, config, error, progress
        case jobID = "job_id", tenantID = "tenant_id", stopReason = "stop_reason", createdAt = "created_at"
        case startedAt = "started_at", pausedAt = "paused_at", finishedAt = "finished_at", updatedAt = "updated_at"
        case documents, chunks, steps
        case readyFor = "ready_for", textIndexedAt = "text_indexed_at", semanticReadyAt = "semantic_ready_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run.id, forKey: .id)
        try container.encode(run.jobID, forKey: .jobID)
        try container.encode(run.tenantID, forKey: .tenantID)
        try container.encode(run.status, forKey: .status)
        try container.encode(run.stopReason, forKey: .stopReason)
        try container.encode(run.labels, forKey: .labels)
        try container.encode(run.config.shownConfigValue, forKey: .config)
        try container.encode(Timestamp.format(run.createdAt), forKey: .createdAt)
        try container.encode(run.startedAt.map(Timestamp.format), forKey: .startedAt)
        try container.encode(run.pausedAt.map(Timestamp.format), forKey: .pausedAt)
        try container.encode(run.finishedAt.map(Timestamp.format), forKey: .finishedAt)
        try container.encode(Timestamp.format(run.updatedAt), forKey: .updatedAt)
        try container.encode(run.error, forKey: .error)
        try container.encode(run.progress, forKey: .progress)
        try container.encode(DocumentCounts(run: run), forKey: .documents)
        try container.encode(ChunkCounts(chunks: run.pipeline.chunks), forKey: .chunks)
        try container.encode(Self.steps(of: run), forKey: .steps)
        try container.encode(Readiness(pipeline: run.pipeline), forKey: .readyFor)
        try container.encode(run.pipeline.textIndexedAt.map(Timestamp.format), forKey: .textIndexedAt)
        try container.encode(run.pipeline.semanticReadyAt.map(Timestamp.format), forKey: .semanticReadyAt)
    }

    /// Pretty-printed JSON with stable key order.
    public func json(pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
