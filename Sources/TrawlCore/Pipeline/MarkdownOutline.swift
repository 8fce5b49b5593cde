/// A Markdown document cut into sections (a heading and the blocks under it) and blocks (paragraphs, lists,
/// tables, quotes, fenced code) — the structure the chunker splits along.
///
/// Headings are ATX (`## Title`) or single-line setext (`Title` over `===`), outside fenced code and at most three
/// spaces in. Fences are recognised inside quotes and list items too (`> ```swift`, `- ````), since a chunk must not
/// end inside one; a fence left open runs to the end, as in CommonMark.
struct MarkdownOutline {
    enum BlockKind: Equatable {
        case heading, code, text
    }

    struct Block {
        /// Trimmed of surrounding whitespace.
        var range: Range<Int>
        var kind: BlockKind
    }

    /// Where each heading line starts, with the heading path it opens (outermost first, itself last).
    private(set) var headings: [(start: Int, path: [String])] = []
    /// Each section's blocks. A heading with nothing under it joins the section that follows, so that it is chunked
    /// together with the content it introduces.
    private(set) var sections: [[Block]] = []

    private var stack: [(level: Int, title: String)] = []
    private var current: [Block] = []

    init(_ text: [Unicode.Scalar]) {
        var scanner = BlockScanner(text: text)
        var lineStart = 0
        while lineStart <= text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != "\n" { lineEnd += 1 }
            for event in scanner.line(lineStart..<lineEnd) { add(event, text) }
            lineStart = lineEnd + 1
        }
        for event in scanner.finish() { add(event, text) }
        finishSection()
        sections = Self.joiningEmptySections(sections)
    }

    /// The heading path in effect at `offset`: that of the last heading starting before it.
    func path(before offset: Int) -> [String] {
        var low = 0
        var high = headings.count
        while low < high {
            let middle = (low + high) / 2
            if headings[middle].start < offset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? [] : headings[low - 1].path
    }

    private mutating func add(_ event: BlockScanner.Event, _ text: [Unicode.Scalar]) {
        switch event {
        case .block(let range, let kind):
            current.append(Block(range: range, kind: kind))
        case .heading(let range, let level, let title):
            finishSection()
            while let last = stack.last, last.level >= level { stack.removeLast() }
            stack.append((level, MarkdownHeading.plainTitle(text, title)))
            headings.append((range.lowerBound, stack.map(\.title)))
            current = [Block(range: range, kind: .heading)]
        }
    }

    private mutating func finishSection() {
        if !current.isEmpty { sections.append(current) }
        current = []
    }

    private static func joiningEmptySections(_ sections: [[Block]]) -> [[Block]] {
        var joined: [[Block]] = []
        var pending: [Block] = []
        for section in sections {
            if section.allSatisfy({ $0.kind == .heading }) {
                pending += section
            } else {
                joined.append(pending + section)
                pending = []
            }
        }
        if !pending.isEmpty { joined.append(pending) }
        return joined
    }
}
