/// A sitemap or sitemap index (sitemaps.org), already decompressed.
public struct SitemapDocument: Sendable, Equatable {
    /// Whether the locations are pages (`<urlset>`, text sitemaps) or further sitemaps (`<sitemapindex>`).
    public enum Kind: Sendable {
        case urlSet, index
    }

    /// What the locations point at.
    public var kind: Kind
    /// The `<loc>` values (or text lines) in document order, trimmed, empty ones dropped.
    public var locations: [String]

    /// Creates a sitemap document.
    public init(kind: Kind, locations: [String]) {
        self.kind = kind
        self.locations = locations
    }
}
