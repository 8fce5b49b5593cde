/// Where a crawl's first URLs come from.
public enum SeedSource: Sendable, Equatable {
    /// URLs written in the manifest.
    case staticList(urls: [String])
    /// URLs listed by sitemaps (following sitemap indexes), at most `limit` of them when set.
    case sitemap(urls: [String], limit: Int?)

    /// The URLs the manifest names: the seed pages themselves, or the sitemaps to read.
    public var urls: [String] {
        switch self {
        case .staticList(let urls), .sitemap(let urls, _): urls
        }
    }
}

extension SeedSource {
    /// The most URLs a sitemap seed's `limit` may ask for, and the most a run takes from all its sitemaps: every one is
    /// held in memory and written in the run's first batch.
    public static let maximumSitemapLimit = 1_000_000
}
