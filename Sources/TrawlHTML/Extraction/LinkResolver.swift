import TrawlCore

/// Turns an `href` into the absolute URL a Markdown link shows: resolved against `<base href>` and the page URL,
/// its fragment kept (it names a place in the target, which readers want).
struct LinkResolver {
    /// What relative references resolve against; nil when the page URL itself is unusable.
    let base: CrawlURL?

    init(pageURL: String, baseHref: String?) {
        let page = try? CrawlURL(pageURL)
        base = baseHref.flatMap { try? CrawlURL($0, relativeTo: page) } ?? page
    }

    /// The absolute target of `href`; nil when there is none to show (script links, empty or unresolvable).
    func resolve(_ href: String) -> String? {
        let trimmed = href.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { return nil }
        let scheme = Self.scheme(of: trimmed)
        if let scheme, Self.hiddenSchemes.contains(scheme) { return nil }
        let parts = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        if let resolved = try? CrawlURL(String(parts[0]), relativeTo: base) {
            return parts.count > 1 ? resolved.string + "#" + parts[1] : resolved.string
        }
        // mailto:, tel:, ftp: … are absolute already; CrawlURL only speaks http(s).
        return scheme != nil ? String(trimmed) : nil
    }

    /// The lower-cased scheme of an absolute reference ("mailto"); nil for relative ones.
    static func scheme(of reference: Substring) -> String? {
        guard let colon = reference.firstIndex(of: ":"), colon > reference.startIndex,
              let first = reference.first, first.isASCII, first.isLetter,
              reference[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return reference[..<colon].lowercased()
    }

    /// Links that do not lead to a document: their text stays, the link goes.
    private static let hiddenSchemes: Set<String> = ["javascript", "vbscript", "data", "about", "blob"]
}
