/// Renders the main content as Markdown and plain text: an iterative walk over each root's subtree that skips
/// dropped and opaque elements and turns the rest into blocks for a `BlockWriter`.
struct ContentRenderer {
    private enum Exit {
        case nothing
        /// The element ended a paragraph when it started and ends one again.
        case block
        case heading(level: Int)
        case list(opened: Bool)
        case item(opened: Bool)
        case quote(opened: Bool)
        case mark(InlineBuffer.Mark?)
        case table
        case cell(span: Int)
        case caption
    }

    private let elements: ElementTable
    private let links: LinkResolver
    private var writer = BlockWriter()
    /// The inline content being gathered: a paragraph, a heading or a table cell.
    private var inline = InlineBuffer()
    /// Marks open at this point of the walk, re-opened when a block interrupts them (`<a><div>…</div></a>`).
    private var openMarks: [InlineBuffer.Mark] = []
    private var headingLevel: Int?
    private var table: TableBuilder?
    private var inCell = false
    private var exits: [Exit] = []

    init(elements: ElementTable, links: LinkResolver) {
        self.elements = elements
        self.links = links
    }

    /// The Markdown of the roots rendered so far.
    var markdown: String { writer.markdown }
    /// The plain text of the roots rendered so far.
    var text: String { writer.text }

    /// Renders one content root and everything kept inside it, after what was rendered before.
    mutating func render(_ root: XMLNode) {
        root.walk(enter: { enter($0) }, leave: { node in
            if node.isElement, let exit = exits.popLast() { leave(exit) }
        })
        endParagraph()
    }

    /// Headings and table cells hold one line: a block inside them only separates words.
    private var isInlineOnly: Bool { headingLevel != nil || inCell }

    private mutating func enter(_ node: XMLNode) -> Bool {
        // Past the cap a document keeps nothing more (`ContentCap`): stop rendering rather than build strings of a
        // whole 128 MiB page only to cut them.
        if writer.markdown.utf8.count > ContentCap.maximumBytes {
            if node.isElement { exits.append(.nothing) }
            return false
        }
        if node.isText {
            // Text between table rows is whitespace a browser would not show.
            if table == nil || inCell { node.withText { inline.appendText($0) } }
            return false
        }
        guard node.isElement else { return false }
        guard let index = elements.index(of: node), !elements.dropped[index] else {
            exits.append(.nothing)
            return false
        }
        let kind = elements.kinds[index]
        if table != nil, let exit = enterTablePart(node, kind) {
            exits.append(exit)
            return true
        }
        if isInlineOnly, kind.breaksParagraph {
            inline.appendSpace()
            exits.append(.block)
            return true
        }
        let (exit, descend) = enter(node, kind)
        exits.append(exit)
        return descend
    }

    private mutating func enter(_ node: XMLNode, _ kind: ElementKind) -> (Exit, Bool) {
        switch kind {
        case .block, .tablePart, .tableRow, .tableCell:
            endParagraph()
            return (.block, true)
        case .rule:
            endParagraph()
            return (.nothing, false)
        case .heading(let level):
            endParagraph()
            headingLevel = level
            return (.heading(level: level), true)
        case .list(let ordered):
            endParagraph()
            // CommonMark list numbers have at most nine digits.
            let start = ordered ? min(max(node.trimmedAttribute("start").flatMap { Int($0) } ?? 1, 0), 999_999_999) : 1
            return (.list(opened: writer.beginList(ordered: ordered, start: start)), true)
        case .listItem:
            endParagraph()
            return (.item(opened: writer.beginItem()), true)
        case .quote:
            endParagraph()
            return (.quote(opened: writer.beginQuote()), true)
        case .preformatted:
            endParagraph()
            let code = node.preformattedText
            if !code.isEmpty { writer.writeCode(code, language: node.codeLanguage) }
            return (.nothing, false)
        case .table:
            endParagraph()
            guard TableBuilder.isDataTable(node, elements: elements) else { return (.block, true) }
            table = TableBuilder()
            return (.table, true)
        case .lineBreak:
            if isInlineOnly { inline.appendSpace() } else { inline.appendLineBreak() }
            return (.nothing, false)
        case .link:
            let target = node.attribute("href").flatMap(links.resolve)
            let isNested = openMarks.contains { if case .link = $0 { true } else { false } }
            return (.mark(openMark(target.map(InlineBuffer.Mark.link), unless: isNested)), true)
        case .emphasis:
            return (.mark(openMark(.emphasis, unless: openMarks.contains(.emphasis))), true)
        case .strong:
            return (.mark(openMark(.strong, unless: openMarks.contains(.strong))), true)
        case .code:
            inline.appendCode(node.collapsedText)
            return (.nothing, false)
        case .opaque:
            return (.nothing, false)
        case .inline:
            return (.nothing, true)
        }
    }

    /// Rows, cells and the caption of the data table being collected; nil for other elements.
    private mutating func enterTablePart(_ node: XMLNode, _ kind: ElementKind) -> Exit? {
        guard !inCell else { return nil }
        switch kind {
        case .tableRow:
            table?.startRow()
            return .nothing
        case .tableCell:
            beginCell()
            return .cell(span: node.trimmedAttribute("colspan").flatMap { Int($0) } ?? 1)
        case .tablePart where node.isNamed("caption"):
            beginCell()
            return .caption
        default:
            return nil
        }
    }

    private mutating func leave(_ exit: Exit) {
        switch exit {
        case .nothing:
            break
        case .block:
            if isInlineOnly { inline.appendSpace() } else { endParagraph() }
        case .heading(let level):
            closeOpenMarks()
            writer.writeHeading(level: level, inline)
            headingLevel = nil
            restartInline()
        case .list(let opened):
            endParagraph()
            if opened { writer.endList() }
        case .item(let opened):
            endParagraph()
            if opened { writer.endItem() }
        case .quote(let opened):
            endParagraph()
            if opened { writer.endQuote() }
        case .mark(let mark):
            if let mark {
                inline.close(mark)
                if let index = openMarks.lastIndex(of: mark) { openMarks.remove(at: index) }
            }
        case .table:
            if let rendered = table?.render(), let caption = table?.caption {
                writer.writeParagraph(caption)
                writer.writeTable(markdown: rendered.markdown, text: rendered.text)
            }
            table = nil
        case .cell(let span):
            closeOpenMarks()
            table?.addCell(inline, span: span)
            inCell = false
            restartInline()
        case .caption:
            closeOpenMarks()
            table?.setCaption(inline)
            inCell = false
            restartInline()
        }
    }

    private mutating func openMark(_ mark: InlineBuffer.Mark?, unless isOpen: Bool) -> InlineBuffer.Mark? {
        guard let mark, !isOpen else { return nil }
        inline.open(mark)
        openMarks.append(mark)
        return mark
    }

    /// Starts gathering a cell; text outside cells was never gathered, so the buffer holds nothing worth keeping.
    private mutating func beginCell() {
        restartInline()
        inCell = true
    }

    /// Writes the gathered paragraph, unless a heading or cell is still gathering its one line.
    private mutating func endParagraph() {
        guard !isInlineOnly else { return }
        closeOpenMarks()
        writer.writeParagraph(inline)
        restartInline()
    }

    /// Closes the open marks in the buffer (innermost first) so that the content written now is balanced.
    private mutating func closeOpenMarks() {
        for mark in openMarks.reversed() { inline.close(mark) }
    }

    /// Starts a new buffer with the marks still open re-opened, so that text after the block keeps its formatting.
    private mutating func restartInline() {
        inline.removeAll()
        for mark in openMarks { inline.open(mark) }
    }
}
