/// Parses sitemap bodies; implementations must be thread-safe.
public protocol SitemapParsing: Sendable {
    /// Parses XML (or gzip-compressed XML, detected by magic bytes; decompressed size capped) sitemaps and plain-text
    /// sitemaps (one URL per line). Throws SitemapError with a clear message for garbage.
    func parseSitemap(_ body: [UInt8]) throws(SitemapError) -> SitemapDocument
}
