import TrawlCore

/// Derives a stored page's visible text from its body, the same way for every export format.
struct PageText: Sendable {
    let parser: any HTMLParsing

    /// The visible text of an HTML page; nil for other content.
    func of(_ page: PageRecord) -> String? {
        guard !page.body.isEmpty else { return nil }
        // Headers are parsed once per page: both the HTML test and the charset read them.
        let headers = page.headers
        guard PageRecord.isHTML(mediaType: headers.mediaType, body: page.body) else { return nil }
        // The product token only matters for link extraction, which exports do not use.
        return parser.parse(page.body, declaredCharset: headers.charset, productToken: "trawl").text
    }
}
