extension CrawlURL {
    /// The same URL without its query (and without the "?").
    public func removingQuery() -> CrawlURL {
        guard query != nil else { return self }
        let prefix = string.utf8.prefix(authorityPrefixLength + path.utf8.count)
        return CrawlURL(
            scheme: scheme, host: host, port: port, path: path, query: nil,
            string: String(decoding: prefix, as: UTF8.self))
    }

    /// Drops query parameters whose name matches (e.g. utm_*); drops the "?" when none remain.
    ///
    /// Parameters are the "&"-separated pieces of the query; a name is the piece up to its first "=",
    /// as it appears in the normalised query (still percent-encoded, "+" not decoded). The others keep
    /// their order. When nothing matches the URL is returned unchanged; when something is removed,
    /// empty pieces ("a=1&&b=2") are dropped as well, since they name no parameter.
    public func removingQueryParameters(where shouldRemove: (Substring) -> Bool) -> CrawlURL {
        guard let query, !query.isEmpty else { return self }
        // Split on the UTF-8 view: the query is ASCII, so byte indices are valid String indices.
        let bytes = query.utf8
        var kept: [Substring] = []
        var removedAny = false
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            if start < end {
                let nameEnd = bytes[start..<end].firstIndex(of: UInt8(ascii: "=")) ?? end
                if shouldRemove(query[start..<nameEnd]) {
                    removedAny = true
                } else {
                    kept.append(query[start..<end])
                }
            }
            start = end < bytes.endIndex ? bytes.index(after: end) : end
        }
        guard removedAny else { return self }
        guard !kept.isEmpty else { return removingQuery() }
        let newQuery = kept.joined(separator: "&")
        let prefix = string.utf8.prefix(authorityPrefixLength + path.utf8.count)
        return CrawlURL(
            scheme: scheme, host: host, port: port, path: path, query: newQuery,
            string: String(decoding: prefix, as: UTF8.self) + "?" + newQuery)
    }
}
