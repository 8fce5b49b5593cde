import Foundation
import TrawlCore

/// One run log entry as the API shows it.
public struct LogEntryResource: Encodable, Sendable {
    public let entry: CrawlLogEntry

    /// The document for `entry`.
    public init(_ entry: CrawlLogEntry) { self.entry = entry }

    enum CodingKeys: String, CodingKey {
        case step, status, url, host, depth, at
        case httpStatus = "http_status", latency = "latency_ms", reason = "error_reason"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entry.step.rawValue, forKey: .step)
        try container.encode(entry.status.rawValue, forKey: .status)
        try container.encode(entry.url, forKey: .url)
        try container.encode(entry.host, forKey: .host)
        try container.encode(entry.depth, forKey: .depth)
        try container.encode(entry.httpStatus, forKey: .httpStatus)
        try container.encode(entry.latencyMilliseconds, forKey: .latency)
        try container.encode(entry.reason, forKey: .reason)
        try container.encode(Timestamp.format(entry.at), forKey: .at)
    }
}
