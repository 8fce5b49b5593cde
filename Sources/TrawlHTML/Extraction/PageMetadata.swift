import TrawlCore

/// What a page says about itself: title, language, `<base href>` and canonical URL.
struct PageMetadata {
    /// The first `<title>` outside SVG, whitespace collapsed; else the first `<h1>`.
    private(set) var title: String?
    /// `<html lang>`, else `<meta http-equiv=content-language>`, lower-cased.
    private(set) var language: String?
    private(set) var baseHref: String?
    /// `<link rel=canonical>` resolved against the base; nil when absent or not an http(s) URL.
    private(set) var canonicalURL: String?

    /// Reads the document under `root`, which belongs to the page at `pageURL`.
    init(root: XMLNode, pageURL: String) {
        var firstHeading: String?
        var canonicalHref: String?
        var contentLanguage: String?
        var titleSeen = false
        var svgDepth = 0
        root.walk(enter: { node in
            guard node.isElement else { return false }
            switch node.name {
            case "html":
                if language == nil { language = node.trimmedAttribute("lang")?.lowercased() }
            case "title" where svgDepth == 0 && !titleSeen:
                titleSeen = true
                title = Self.nonEmpty(node.collapsedText)
                return false
            case "base":
                if baseHref == nil { baseHref = node.trimmedAttribute("href") }
            case "link":
                if canonicalHref == nil, let rel = node.attribute("rel"),
                   rel.lowercased().split(whereSeparator: \.isWhitespace).contains("canonical") {
                    canonicalHref = node.trimmedAttribute("href")
                }
            case "meta":
                if contentLanguage == nil,
                   node.trimmedAttribute("http-equiv")?.lowercased() == "content-language",
                   let content = node.trimmedAttribute("content") {
                    contentLanguage = content.split(separator: ",").first.map {
                        String($0.trimmingASCIIWhitespace()).lowercased()
                    }
                }
            case "h1":
                if firstHeading == nil { firstHeading = Self.nonEmpty(node.collapsedText) }
                return false
            case "svg":
                svgDepth += 1
            default:
                break
            }
            return true
        }, leave: { node in
            if node.isNamed("svg") { svgDepth -= 1 }
        })
        title = title ?? firstHeading
        language = language.flatMap(Self.nonEmpty) ?? contentLanguage.flatMap(Self.nonEmpty)
        let base = LinkResolver(pageURL: pageURL, baseHref: baseHref).base
        canonicalURL = canonicalHref.flatMap { try? CrawlURL($0, relativeTo: base) }?.string
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }
}
