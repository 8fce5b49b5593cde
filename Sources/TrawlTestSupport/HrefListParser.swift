import TrawlCore

/// An `HTMLParsing` that finds `href="…"` attributes and a `<title>`, nothing more: a stand-in for libxml2 in tests of
/// the crawl loop's logic, which need links, not HTML's rules (those are the real parser's tests).
public struct HrefListParser: HTMLParsing {
    public init() {}

    public func parse(_ body: [UInt8], declaredCharset: String?, productToken: String, extractText: Bool) -> ParsedHTML {
        let text = String(decoding: body, as: UTF8.self)
        var links: [HTMLLink] = []
        var rest = text[...]
        while let start = rest.range(of: "href=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let href = String(rest[..<end])
            if !href.isEmpty { links.append(HTMLLink(href: href, kind: .anchor)) }
            rest = rest[rest.index(after: end)...]
        }
        var title: String?
        if let open = text.range(of: "<title>"), let close = text.range(of: "</title>", range: open.upperBound..<text.endIndex) {
            title = String(text[open.upperBound..<close.lowerBound])
        }
        return ParsedHTML(title: title, links: links)
    }
}
