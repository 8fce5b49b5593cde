import TrawlCore

/// Parses sitemaps.org sitemaps and sitemap indexes (XML, gzip-compressed XML, or plain text). Thread-safe.
public struct LibXMLSitemapParser: SitemapParsing {
    /// The sitemaps.org limit on an uncompressed sitemap: 50 MiB.
    public static let defaultSizeLimit = 50 * 1024 * 1024

    /// The sitemaps.org limit on the URLs (or sitemaps) one file lists: 50,000.
    public static let defaultLocationLimit = 50_000

    /// The largest body accepted, after decompression, in bytes.
    public let sizeLimit: Int
    /// Locations read from one document; the rest are ignored. A 50 MiB document of `<url><loc>x</loc></url>` lists
    /// two million, which a caller capping pages at 50,000 would otherwise hold (730 MB) before it could cap them.
    public let locationLimit: Int

    /// Creates a parser that rejects sitemaps larger than `sizeLimit` bytes once decompressed and reads at most
    /// `locationLimit` locations from each.
    public init(sizeLimit: Int = LibXMLSitemapParser.defaultSizeLimit,
                locationLimit: Int = LibXMLSitemapParser.defaultLocationLimit) {
        self.sizeLimit = sizeLimit
        self.locationLimit = locationLimit
    }

    /// Gunzips when the body starts with the gzip magic, then reads XML if the first non-blank byte is `<`,
    /// otherwise one URL per line.
    public func parseSitemap(_ body: [UInt8]) throws(SitemapError) -> SitemapDocument {
        let document: [UInt8]
        if GzipInflater.isGzip(body) {
            document = try GzipInflater.inflate(body, limit: sizeLimit)
        } else {
            guard body.count <= sizeLimit else { throw .tooLarge(sizeLimit) }
            document = body
        }
        let content = document.starts(with: [0xEF, 0xBB, 0xBF]) ? document[3...] : document[...]
        guard let first = content.first(where: { !$0.isASCIIWhitespace }) else {
            throw .notASitemap("the body is empty")
        }
        // UTF-16 is rare for sitemaps but unambiguous when it carries a byte order mark.
        if first == UInt8(ascii: "<") || content.starts(with: [0xFF, 0xFE]) || content.starts(with: [0xFE, 0xFF]) {
            return try SitemapXMLReader.read(content, locationLimit: locationLimit)
        }
        return try PlainTextSitemap.parse(content, locationLimit: locationLimit)
    }
}
