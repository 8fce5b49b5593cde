import Foundation
import TrawlCore

/// One document of a run as `GET /v1/runs/{run_id}/documents` shows it.
public struct DocumentResource: Encodable, Sendable {
    public let record: DocumentRecord

    /// The document for `record`.
    public init(_ record: DocumentRecord) { self.record = record }

    enum CodingKeys: String, CodingKey {
        case id, url, title, language, status, change, error
        case canonicalURL = "canonical_url", chunksCreated = "chunks_created", contentSHA256 = "content_sha256"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.id, forKey: .id)
        try container.encode(record.url, forKey: .url)
        try container.encode(record.title, forKey: .title)
        try container.encode(record.language, forKey: .language)
        try container.encode(record.canonicalURL, forKey: .canonicalURL)
        try container.encode(record.status.rawValue, forKey: .status)
        try container.encode(record.change.rawValue, forKey: .change)
        try container.encode(record.chunks, forKey: .chunksCreated)
        try container.encode(record.error, forKey: .error)
        try container.encode(record.contentSHA256, forKey: .contentSHA256)
        try container.encode(Timestamp.format(record.updatedAt), forKey: .updatedAt)
    }
}
