import TrawlCore

/// The sitemaps.org text format: one absolute http(s) URL per line, UTF-8.
enum PlainTextSitemap {
    /// The URL lines, trimmed; other lines are ignored. Throws when no line is a URL.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(SitemapError) -> SitemapDocument {
        if bytes.contains(0) {
            throw .notASitemap("the body is binary data, neither XML nor a list of URLs")
        }
        let lines = bytes.split { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        let locations = lines.compactMap { line -> String? in
            let url = String(decoding: line, as: UTF8.self).trimmingASCIIWhitespace()
            let lowered = url.prefix(8).lowercased()
            return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") ? String(url) : nil
        }
        guard !locations.isEmpty else {
            throw .notASitemap("the body is neither XML nor a list of http(s) URLs, one per line")
        }
        return SitemapDocument(kind: .urlSet, locations: locations)
    }
}
