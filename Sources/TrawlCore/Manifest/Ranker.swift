/// The order in which ready URLs are handed to the fetcher.
public enum Ranker: String, Sendable, Equatable, CaseIterable {
    /// Shallowest first: the whole of depth 1 before depth 2.
    case breadth
    /// Deepest first: follow links down before going wide.
    case depth
}
