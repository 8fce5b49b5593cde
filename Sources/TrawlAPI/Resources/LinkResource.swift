import TrawlCore
/// One URL a run touched, as the API shows it.
public struct LinkResource: Encodable, Sendable {
    public let record: FrontierRecord

    /// The document for `record`.
    public init(_ record: FrontierRecord) { self.record = record }

    enum CodingKeys: String, CodingKey {
        case url, depth, state, reason
        case parentURL = "parent_url", httpStatus = "http_status", redirectHops = "redirect_hops"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.url, forKey: .url)
        try container.encode(record.depth, forKey: .depth)
        try container.encode(record.parentURL, forKey: .parentURL)
        try container.encode(record.state.rawValue, forKey: .state)
        try container.encode(record.reason, forKey: .reason)
        try container.encode(record.httpStatus, forKey: .httpStatus)
        try container.encode(record.redirectHops, forKey: .redirectHops)
    }
}
