import Foundation

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
    /// Each location's `<lastmod>`, as the latest instant it can mean (`W3CDateTime`); nil where none was given.
    /// Always as long as `locations`.
    public var lastModified: [Date?]

    /// Creates a sitemap document; `lastModified` is padded with nils (or cut) to the locations' count.
    public init(kind: Kind, locations: [String], lastModified: [Date?] = []) {
        self.kind = kind
        self.locations = locations
        self.lastModified = Array((lastModified + Array(repeating: nil, count: max(0, locations.count - lastModified.count)))
            .prefix(locations.count))
    }
}
