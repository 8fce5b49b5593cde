import TrawlCore

/// Parses sitemaps.org sitemaps and sitemap indexes (XML, gzip-compressed XML, or plain text). Thread-safe.
public struct LibXMLSitemapParser: SitemapParsing {
    /// The sitemaps.org limit on an uncompressed sitemap: 50 MiB.
    public static let defaultSizeLimit = 50 * 1024 * 1024

    /// The largest body accepted, after decompression, in bytes.
    public let sizeLimit: Int

    /// Creates a parser that rejects sitemaps larger than `sizeLimit` bytes once decompressed.
    public init(sizeLimit: Int = LibXMLSitemapParser.defaultSizeLimit) {
        self.sizeLimit = sizeLimit
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
            return try SitemapXMLReader.read(content)
        }
        return try PlainTextSitemap.parse(content)
    }
}
