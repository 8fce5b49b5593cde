/// Which discovered URLs stay in a crawl, relative to its seeds.
public enum Scope: String, Sendable, Equatable, CaseIterable {
    /// Same scheme, host and port as a seed.
    case origin
    /// Same host name as a seed, on any port or scheme.
    case host
    /// Same registrable domain as a seed, subdomains included.
    case domain
    /// No restriction.
    case any
}
