import TrawlCore

/// The sitemaps.org text format: one absolute http(s) URL per line, UTF-8.
enum PlainTextSitemap {
    /// The first `locationLimit` URL lines, trimmed; other lines are ignored. Throws when no line is a URL.
    static func parse(_ bytes: ArraySlice<UInt8>, locationLimit: Int) throws(SitemapError) -> SitemapDocument {
        if bytes.contains(0) {
            throw .notASitemap("the body is binary data, neither XML nor a list of URLs")
        }
        var locations: [String] = []
        var lineStart = bytes.startIndex
        // Line by line, stopping at the limit: a 50 MiB list is two million short lines.
        while lineStart < bytes.endIndex, locations.count < locationLimit {
            let lineEnd = bytes[lineStart...].firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
                ?? bytes.endIndex
            let url = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self).trimmingASCIIWhitespace()
            let lowered = url.prefix(8).lowercased()
            if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { locations.append(String(url)) }
            lineStart = lineEnd + 1
        }
        guard !locations.isEmpty else {
            throw .notASitemap("the body is neither XML nor a list of http(s) URLs, one per line")
        }
        return SitemapDocument(kind: .urlSet, locations: locations)
    }
}
