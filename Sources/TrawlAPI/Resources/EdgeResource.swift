import TrawlCore
/// One edge of a run's link graph, as the API shows it.
public struct EdgeResource: Encodable, Sendable {
    public let edge: LinkEdge

    /// The document for `edge`.
    public init(_ edge: LinkEdge) { self.edge = edge }

    enum CodingKeys: String, CodingKey { case from, to, kind }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(edge.from, forKey: .from)
        try container.encode(edge.to, forKey: .to)
        try container.encode(edge.kind.rawValue, forKey: .kind)
    }
}
