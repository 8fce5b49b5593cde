/// Collects the rows of a data table and writes it as a GFM pipe table; the first row is the header, as GFM needs
/// one. Cells hold inline content only (line breaks and blocks inside become spaces).
struct TableBuilder {
    private var rows: [[(markdown: String, text: String)]] = []
    private(set) var caption = InlineBuffer()

    mutating func startRow() {
        rows.append([])
    }

    /// Ends a cell; a `colspan` repeats it as empty cells so that later columns stay aligned.
    mutating func addCell(_ content: InlineBuffer, span: Int) {
        if rows.isEmpty { rows.append([]) }
        let markdown = content.markdownLines(inTable: true).joined(separator: " ")
        rows[rows.count - 1].append((markdown, content.plainText()))
        for _ in 1..<max(1, min(span, 20)) { rows[rows.count - 1].append(("", "")) }
    }

    mutating func setCaption(_ content: InlineBuffer) {
        caption = content
    }

    /// The table's Markdown lines and plain text lines (cells separated by tabs); empty when no cell has content.
    func render() -> (markdown: [String], text: [String]) {
        let rows = rows.filter { !$0.isEmpty }
        guard rows.contains(where: { $0.contains { !$0.text.isEmpty } }) else { return ([], []) }
        let columns = rows.map(\.count).max() ?? 0
        func line(_ cells: [String]) -> String {
            "| " + cells.joined(separator: " | ") + " |"
        }
        // GFM reads missing cells as empty, so only the header is padded to the widest row: padding every row could
        // make a ragged table's output quadratic in its size.
        let header = rows[0].map(\.markdown) + Array(repeating: "", count: columns - rows[0].count)
        var markdown = [line(header), line(Array(repeating: "---", count: columns))]
        markdown += rows.dropFirst().map { line($0.map(\.markdown)) }
        let text = rows.map { row in
            String(row.map(\.text).joined(separator: "\t").reversed().drop { $0 == "\t" }.reversed())
        }
        return (markdown, text)
    }

    /// Whether `table` holds data rather than layout: no role="presentation", no nested table, heading or
    /// preformatted block inside, and at least two cells. Layout tables are rendered as the blocks they hold.
    static func isDataTable(_ table: XMLNode, elements: ElementTable) -> Bool {
        if let role = table.trimmedAttribute("role")?.lowercased(), role == "presentation" || role == "none" {
            return false
        }
        var cells = 0
        var isData = true
        table.walk { node in
            guard isData, node.isElement, node != table, !elements.isDropped(node) else { return node == table }
            switch elements.kind(of: node) {
            case .table, .heading, .preformatted:
                isData = false
            case .tableCell:
                cells += 1
            default:
                break
            }
            return isData
        }
        return isData && cells >= 2
    }
}
