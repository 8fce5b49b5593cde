/// A generated Markdown document with what the chunker's output is checked against: where its headings are, and
/// which ranges (code blocks, table rows) must not be cut.
struct GeneratedDocument {
    var markdown = ""
    /// Heading lines: scalar offset of the line, and the heading path it opens.
    var headings: [(start: Int, path: [String])] = []
    /// Code blocks and table rows: scalar ranges and their word counts.
    var units: [(range: Range<Int>, tokens: Int)] = []

    /// Which heading's section an offset belongs to (−1 before the first heading).
    func sectionIndex(before offset: Int) -> Int {
        (headings.lastIndex { $0.start < offset }) ?? -1
    }

    func headingPath(before offset: Int) -> [String] {
        let index = sectionIndex(before: offset)
        return index < 0 ? [] : headings[index].path
    }
}

/// Writes random but realistic Markdown (headings at several levels, paragraphs of sentences, very long sentences,
/// lists, tables, fenced code, non-ASCII words) from a seed, so failures reproduce.
struct MarkdownDocumentGenerator {
    private var state: UInt64
    private var headingCount = 0

    init(seed: UInt64) {
        state = seed
    }

    mutating func document(maximumCodeTokens: Int) -> GeneratedDocument {
        var document = GeneratedDocument()
        var stack: [(level: Int, title: String)] = []
        for _ in 0..<number(in: 1...12) {
            switch number(in: 0...9) {
            case 0...2:
                let level = number(in: 1...4)
                headingCount += 1
                // Titles are plain words: the chunker reports titles without Markdown syntax.
                let title = "Heading \(headingCount) \(plainWord())"
                while let last = stack.last, last.level >= level { stack.removeLast() }
                stack.append((level, title))
                document.headings.append((scalarCount(document), stack.map(\.title)))
                append(String(repeating: "#", count: level) + " " + title, to: &document)
            case 3...5:
                append((0..<number(in: 1...6)).map { _ in sentence() }.joined(separator: " "), to: &document)
            case 6:
                append((0..<number(in: 1...6)).map { _ in "- " + sentence() }.joined(separator: "\n"), to: &document)
            case 7:
                appendTable(to: &document)
            case 8:
                appendCode(maximumTokens: maximumCodeTokens, to: &document)
            default:
                // A run-on sentence longer than most chunks.
                append((0..<number(in: 30...120)).map { _ in word() }.joined(separator: " "), to: &document)
            }
        }
        return document
    }

    private mutating func append(_ block: String, to document: inout GeneratedDocument) {
        if !document.markdown.isEmpty { document.markdown += String(repeating: "\n", count: number(in: 2...3)) }
        document.markdown += block
    }

    private mutating func appendTable(to document: inout GeneratedDocument) {
        let columns = number(in: 2...3)
        var rows = [Array(repeating: "h", count: columns), Array(repeating: "---", count: columns)]
        for _ in 0..<number(in: 1...5) { rows.append((0..<columns).map { _ in word() }) }
        if !document.markdown.isEmpty { document.markdown += "\n\n" }
        for (index, row) in rows.enumerated() {
            if index > 0 { document.markdown += "\n" }
            let line = "| " + row.joined(separator: " | ") + " |"
            let start = scalarCount(document)
            document.markdown += line
            document.units.append((start..<scalarCount(document), line.split(separator: " ").count))
        }
    }

    private mutating func appendCode(maximumTokens: Int, to document: inout GeneratedDocument) {
        var lines = ["```" + ["", "swift", "sh"][number(in: 0...2)]]
        var tokens = 2
        while tokens < maximumTokens - 2 {
            let line = (0..<number(in: 1...3)).map { _ in word() }
            tokens += line.count
            lines.append(line.joined(separator: " "))
            if number(in: 0...4) == 0 { lines.append("") }
        }
        lines.append("```")
        if !document.markdown.isEmpty { document.markdown += "\n\n" }
        let start = scalarCount(document)
        document.markdown += lines.joined(separator: "\n")
        document.units.append((start..<scalarCount(document), lines.joined(separator: " ").split(separator: " ").count))
    }

    private mutating func sentence() -> String {
        let words = (0..<number(in: 2...14)).map { _ in word() }.joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst() + [".", "!", "?", ".\u{201D}"][number(in: 0...3)]
    }

    private mutating func word() -> String {
        Self.vocabulary[number(in: 0...(Self.vocabulary.count - 1))]
    }

    private mutating func plainWord() -> String {
        Self.vocabulary[number(in: 0...24)]
    }

    private func scalarCount(_ document: GeneratedDocument) -> Int {
        document.markdown.unicodeScalars.count
    }

    private mutating func number(in range: ClosedRange<Int>) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return range.lowerBound + Int(mixed % UInt64(range.count))
    }

    private static let vocabulary = [
        "crawler", "queue", "fetch", "parse", "robots", "host", "delay", "index", "vector", "chunk", "token",
        "the", "a", "of", "and", "to", "in", "is", "for", "with", "café", "naïve", "日本語", "👍🏽", "e\u{301}",
        "**bold**", "`code`", "[link](https://example.com/a)", "snake_case", "3.14", "e.g.", "x", "long-hyphenated-word",
    ]
}
