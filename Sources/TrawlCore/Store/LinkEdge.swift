/// One edge of a run's link graph: a fetched page linking (or redirecting) to a URL.
public struct LinkEdge: Sendable, Equatable {
    /// How the page points at the target.
    public enum Kind: String, Sendable, CaseIterable {
        case link
        case redirect
    }

    public var from: String
    public var to: String
    public var kind: Kind
    /// Keyset position: the source page's store sequence and the edge's index among that page's edges.
    public var position: EdgePosition

    /// An edge with every field given.
    public init(from: String, to: String, kind: Kind, position: EdgePosition) {
        self.from = from
        self.to = to
        self.kind = kind
        self.position = position
    }
}

/// Where an edge sits in a run's edge listing.
public struct EdgePosition: Sendable, Equatable, Comparable {
    public var page: Int64
    public var index: Int

    /// A position with every field given.
    public init(page: Int64, index: Int) {
        self.page = page
        self.index = index
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.page, lhs.index) < (rhs.page, rhs.index)
    }
}
