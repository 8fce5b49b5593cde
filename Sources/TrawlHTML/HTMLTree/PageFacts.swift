import TrawlCore

/// What a page says about itself and where it links, gathered tag by tag: links, `<base>`, the canonical link, meta
/// robots and refresh, and `<html lang>`. The SAX collector and the crawl's tag scanner both feed it, so the two read
/// a tag the same way.
struct PageFacts {
    private let productToken: [UInt8]
    private(set) var links: [HTMLLink] = []
    private(set) var baseHref: String?
    private(set) var canonical: String?
    private(set) var metaRobots = MetaRobots()
    private(set) var refresh: String?
    private(set) var language: String?

    init(productToken: String) {
        self.productToken = Array(productToken.utf8)
    }

    /// Takes what a start tag of `role` says; roles that say nothing here are ignored.
    mutating func take(_ role: HTMLElementRole, _ attributes: some HTMLAttributeReading) {
        switch role {
        case .anchor: addLink(attributes, "href", kind: .anchor)
        case .area: addLink(attributes, "href", kind: .area)
        case .frame: addLink(attributes, "src", kind: .frame)
        case .iframe: addLink(attributes, "src", kind: .iframe)
        case .base:
            if baseHref == nil { baseHref = attributes.trimmed("href") }
        case .link:
            if canonical == nil, attributes.withValue("rel", { $0.containsToken("canonical") }) == true {
                canonical = attributes.trimmed("href")
            }
        case .meta: readMeta(attributes)
        case .html:
            if language == nil { language = attributes.trimmed("lang") }
        case .inline, .block, .lineBreak, .cell, .hidden, .svg, .title: break
        }
    }

    /// The result with `title` and `text`; meta robots nofollow applies to every link, wherever the meta stood.
    func result(title: String?, text: String, charset: String) -> ParsedHTML {
        var links = links
        if metaRobots.nofollow {
            for index in links.indices { links[index].nofollow = true }
        }
        return ParsedHTML(title: title, text: text, links: links, baseHref: baseHref, canonical: canonical,
                          metaRobots: metaRobots, refresh: refresh, language: language, charset: charset)
    }

    private mutating func addLink(_ attributes: some HTMLAttributeReading, _ name: StaticString, kind: HTMLLink.Kind) {
        guard let href = attributes.trimmed(name) else { return }
        let nofollow = attributes.withValue("rel") { $0.containsToken("nofollow") } ?? false
        links.append(HTMLLink(href: href, kind: kind, nofollow: nofollow))
    }

    private mutating func readMeta(_ attributes: some HTMLAttributeReading) {
        guard let content = attributes.withValue("content", { String(decoding: $0, as: UTF8.self) }) else { return }
        let addressesUs = attributes.withValue("name") { name in
            name.equalsTrimmedIgnoringCase(Array("robots".utf8))
                || (!productToken.isEmpty && name.equalsTrimmedIgnoringCase(productToken))
        } ?? false
        if addressesUs {
            metaRobots = metaRobots.union(MetaRobots(content: content))
        }
        if refresh == nil,
           attributes.withValue("http-equiv", { $0.equalsTrimmedIgnoringCase(Array("refresh".utf8)) }) == true {
            refresh = MetaRefresh.url(in: content)
        }
    }
}
