import CLibXML2
import TrawlCore

/// Turns parser events into a `ParsedHTML`: links, metadata and visible text, in one pass.
struct PageCollector {
    /// What to undo when an element closes.
    private enum ElementExit {
        case nothing, endLine, separateWords, unhide, leaveSVG, endTitle
    }

    private var facts: PageFacts
    /// The open elements, by libxml2's interned name (valid for the whole parse), with what closing them undoes.
    private var openElements: [(name: UnsafePointer<xmlChar>, exit: ElementExit)] = []
    private var text = VisibleTextBuilder()
    /// Open elements whose text is not rendered; text counts only at zero.
    private var hiddenDepth = 0
    private var svgDepth = 0
    /// Set while inside the page's title element.
    private var titleText: VisibleTextBuilder?
    private var titleSeen = false
    private var title: String?

    /// Whether visible text is built at all (it is the costliest part of a parse).
    private let collectsText: Bool

    init(productToken: String, collectsText: Bool = true) {
        facts = PageFacts(productToken: productToken)
        self.collectsText = collectsText
    }

    /// The collected facts.
    func result(charset: String) -> ParsedHTML {
        // A title still open means the input ended inside it.
        let title = titleText.map { $0.isEmpty ? nil : $0.text } ?? title
        return facts.result(title: title, text: text.text, charset: charset)
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
        case .iframe:
            // Its content is fallback text for browsers without frames.
            facts.take(role, attributes)
            hiddenDepth += 1
            return .unhide
        case .anchor, .area, .frame, .base, .link, .meta, .html:
            facts.take(role, attributes)
            return .nothing
        }
    }
}
