import Foundation

/// A typed UUID, so a run ID can never be passed where a job ID is expected.
public struct Identifier<Tag>: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The underlying UUID.
    public let uuid: UUID

    /// A new random identifier.
    public init() { uuid = UUID() }
    /// Wraps an existing UUID.
    public init(_ uuid: UUID) { self.uuid = uuid }
    /// Parses the canonical UUID form (any case); nil for anything else.
    public init?(_ string: String) {
        guard let uuid = UUID(uuidString: string) else { return nil }
        self.uuid = uuid
    }

    /// The lower-case canonical form used in the API and the store.
    public var description: String { uuid.uuidString.lowercased() }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let uuid = UUID(uuidString: string) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(string)' is not a UUID")
        }
        self.uuid = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Tag for job identifiers.
public enum JobTag {}
/// Tag for run identifiers.
public enum RunTag {}
/// A job's ID.
public typealias JobID = Identifier<JobTag>
/// A run's ID.
public typealias RunID = Identifier<RunTag>
/// Tags the ID of one process's part in a shared run.
public enum CrawlShareTag {}
/// One process's part in a shared run (`CrawlShare`).
public typealias CrawlShareID = Identifier<CrawlShareTag>
/// Tag for trigger identifiers.
public enum TriggerTag {}
/// Tag for trigger execution identifiers.
public enum TriggerExecutionTag {}
/// A trigger's ID.
public typealias TriggerID = Identifier<TriggerTag>
/// A trigger execution's ID.
public typealias TriggerExecutionID = Identifier<TriggerExecutionTag>
