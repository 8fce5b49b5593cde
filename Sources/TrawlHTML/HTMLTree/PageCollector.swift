import CLibXML2
import TrawlCore

/// Turns parser events into a `ParsedHTML`: links, metadata and visible text, in one pass.
struct PageCollector {
    /// What to undo when an element closes.
    private enum ElementExit {
        case nothing, endLine, separateWords, unhide, leaveSVG, endTitle
    }

    private let productToken: [UInt8]
    /// The open elements, by libxml2's interned name (valid for the whole parse), with what closing them undoes.
    private var openElements: [(name: UnsafePointer<xmlChar>, exit: ElementExit)] = []
    private var text = VisibleTextBuilder()
    /// Open elements whose text is not rendered; text counts only at zero.
    private var hiddenDepth = 0
    private var svgDepth = 0
    /// Set while inside the page's title element.
    private var titleText: VisibleTextBuilder?
    private var titleSeen = false
    private var links: [HTMLLink] = []
    private var title: String?
    private var baseHref: String?
    private var canonical: String?
    private var metaRobots = MetaRobots()
    private var refresh: String?
    private var language: String?

    /// Whether visible text is built at all (it is the costliest part of a parse).
    private let collectsText: Bool

    init(productToken: String, collectsText: Bool = true) {
        self.productToken = Array(productToken.utf8)
        self.collectsText = collectsText
    }

    /// The collected facts; meta robots nofollow applies to every link, wherever the meta stood.
    func result(charset: String) -> ParsedHTML {
        // A title still open means the input ended inside it.
        let title = titleText.map { $0.isEmpty ? nil : $0.text } ?? title
        var links = links
        if metaRobots.nofollow {
            for index in links.indices { links[index].nofollow = true }
        }
        return ParsedHTML(
            title: title, text: text.text, links: links, baseHref: baseHref, canonical: canonical,
            metaRobots: metaRobots, refresh: refresh, language: language, charset: charset
        )
    }

    mutating func startElement(_ name: UnsafePointer<xmlChar>, attributes: HTMLAttributes) {
        openElements.append((name, enter(HTMLElementRole(name: name), attributes)))
    }

    /// Closes `name` and anything left open inside it. libxml2 balances its events, except that a start tag cut
    /// off by the end of input is reported but never closed; matching by name keeps the stack honest anyway.
    mutating func endElement(_ name: UnsafePointer<xmlChar>) {
        guard let index = openElements.lastIndex(where: { $0.name == name || xmlStrEqual($0.name, name) != 0 })
        else { return }
        while openElements.count > index {
            leave(openElements.removeLast().exit)
        }
    }

    private mutating func leave(_ exit: ElementExit) {
        switch exit {
        case .nothing: break
        case .endLine: text.breakLine()
        case .separateWords: text.separateWords()
        case .unhide: hiddenDepth -= 1
        case .leaveSVG:
            svgDepth -= 1
            hiddenDepth -= 1
        case .endTitle:
            title = titleText.flatMap { $0.isEmpty ? nil : $0.text }
            titleText = nil
        }
    }

    mutating func characters(_ content: UnsafeBufferPointer<UInt8>) {
        if titleText != nil {
            titleText?.append(content)
        } else if hiddenDepth == 0, collectsText {
            text.append(content)
        }
    }

    private mutating func enter(_ role: HTMLElementRole, _ attributes: HTMLAttributes) -> ElementExit {
        switch role {
        case .inline:
            return .nothing
        case .block:
            text.breakLine()
            return .endLine
        case .lineBreak:
            text.breakLine()
            return .nothing
        case .cell:
            text.separateWords()
            return .separateWords
        case .hidden:
            hiddenDepth += 1
            return .unhide
        case .svg:
            svgDepth += 1
            hiddenDepth += 1
            return .leaveSVG
        case .title:
            // The first title outside SVG (where <title> is a tooltip) names the page, even when blank.
            guard !titleSeen, svgDepth == 0 else { return .nothing }
            titleSeen = true
            titleText = VisibleTextBuilder()
            return .endTitle
        case .anchor:
            addLink(attributes, "href", kind: .anchor)
            return .nothing
        case .area:
            addLink(attributes, "href", kind: .area)
            return .nothing
        case .frame:
            addLink(attributes, "src", kind: .frame)
            return .nothing
        case .iframe:
            // Its content is fallback text for browsers without frames.
            addLink(attributes, "src", kind: .iframe)
            hiddenDepth += 1
            return .unhide
        case .base:
            if baseHref == nil { baseHref = attributes.trimmed("href") }
            return .nothing
        case .link:
            if canonical == nil, attributes.withValue("rel", { $0.containsToken("canonical") }) == true {
                canonical = attributes.trimmed("href")
            }
            return .nothing
        case .meta:
            readMeta(attributes)
            return .nothing
        case .html:
            if language == nil { language = attributes.trimmed("lang") }
            return .nothing
        }
    }

    private mutating func addLink(_ attributes: HTMLAttributes, _ name: StaticString, kind: HTMLLink.Kind) {
        guard let href = attributes.trimmed(name) else { return }
        let nofollow = attributes.withValue("rel") { $0.containsToken("nofollow") } ?? false
        links.append(HTMLLink(href: href, kind: kind, nofollow: nofollow))
    }

    private mutating func readMeta(_ attributes: HTMLAttributes) {
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
