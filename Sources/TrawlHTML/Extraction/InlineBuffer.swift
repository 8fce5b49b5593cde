/// The inline content of one block as a browser lays it out: runs of whitespace collapsed to one space, no space at
/// the start or end of a line, emphasis and links as open/close marks. Renders as Markdown and as plain text.
struct InlineBuffer {
    /// Inline formatting that Markdown keeps.
    enum Mark: Equatable {
        case emphasis, strong
        /// A link to this absolute URL.
        case link(String)
    }

    private enum Token {
        case word(String), space, open(Mark), close(Mark), code(String), lineBreak
    }

    private var tokens: [Token] = []

    /// Whether any word or code span has been added: blocks without content are not written.
    private(set) var hasContent = false

    /// Adds text; whitespace (NO-BREAK SPACE included) separates words, SOFT HYPHEN disappears.
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        var runStart = 0
        var word: [UInt8] = []
        func endRun(at end: Int) {
            if end > runStart { word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if byte.isASCIIWhitespace || (byte == 0xC2 && next == 0xA0) {
                endRun(at: index)
                appendWord(word)
                word.removeAll(keepingCapacity: true)
                appendSpace()
                index += byte == 0xC2 ? 2 : 1
                runStart = index
            } else if byte == 0xC2, next == 0xAD {
                endRun(at: index)
                index += 2
                runStart = index
            } else {
                index += 1
            }
        }
        endRun(at: bytes.count)
        appendWord(word)
    }

    /// Separates words, as whitespace or a block boundary inside a heading or table cell does.
    mutating func appendSpace() {
        if case .space? = tokens.last { return }
        tokens.append(.space)
    }

    mutating func open(_ mark: Mark) { tokens.append(.open(mark)) }
    mutating func close(_ mark: Mark) { tokens.append(.close(mark)) }

    /// Adds inline code, its whitespace already collapsed.
    mutating func appendCode(_ code: String) {
        guard !code.isEmpty else { return }
        tokens.append(.code(code))
        hasContent = true
    }

    /// A `<br>`: a new line within the block.
    mutating func appendLineBreak() {
        tokens.append(.lineBreak)
    }

    mutating func removeAll() {
        tokens.removeAll(keepingCapacity: true)
        hasContent = false
    }

    private mutating func appendWord(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        // Text split over several nodes ("foo<span>bar</span>") is still one word.
        if case .word(let previous)? = tokens.last {
            tokens[tokens.count - 1] = .word(previous + text)
        } else {
            tokens.append(.word(text))
        }
        hasContent = true
    }

    /// The content as Markdown lines (more than one only after `<br>`, each but the last ending in a hard break).
    /// Marks that enclose no content or are not closed within the block are dropped; a space just inside a mark
    /// moves outside it (`a<b> b </b>c` → `a **b** c`), as emphasis needs.
    func markdownLines(inTable: Bool = false) -> [String] {
        let keep = balancedMarks()
        var lines: [String] = []
        var line = ""
        var pendingSpace = false
        var pendingBreak = false
        var pendingOpens = ""
        var linkDepth = 0
        func beginContent() {
            if pendingBreak {
                lines.append(line + "\\")
                line = ""
                pendingBreak = false
            } else if pendingSpace {
                line += " "
            }
            pendingSpace = false
            line += pendingOpens
            pendingOpens = ""
        }
        for (index, token) in tokens.enumerated() {
            switch token {
            case .space:
                pendingSpace = !line.isEmpty && !pendingBreak
            case .word(let word):
                beginContent()
                line += MarkdownEscaper.escape(word, atLineStart: line.isEmpty, inLinkText: linkDepth > 0,
                                               inTable: inTable)
            case .code(let code):
                beginContent()
                line += MarkdownEscaper.codeSpan(code, inTable: inTable)
            case .open(let mark) where keep[index]:
                if case .link = mark { linkDepth += 1 }
                pendingOpens += Self.opening(mark)
            case .close(let mark) where keep[index]:
                if case .link = mark { linkDepth -= 1 }
                line += Self.closing(mark)
            case .lineBreak:
                if !line.isEmpty { pendingBreak = true }
                pendingSpace = false
            case .open, .close:
                break
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The content as plain text lines: words, code and link text, no syntax.
    func plainLines() -> [String] {
        var lines: [String] = []
        var line = ""
        var pendingSpace = false
        var pendingBreak = false
        func append(_ text: String) {
            if pendingBreak {
                lines.append(line)
                line = ""
                pendingBreak = false
            } else if pendingSpace {
                line += " "
            }
            pendingSpace = false
            line += text
        }
        for token in tokens {
            switch token {
            case .space: pendingSpace = !line.isEmpty && !pendingBreak
            case .word(let text), .code(let text): append(text)
            case .lineBreak:
                if !line.isEmpty { pendingBreak = true }
                pendingSpace = false
            case .open, .close: break
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The content as one line of plain text (titles, headings, code spans).
    func plainText() -> String {
        plainLines().joined(separator: " ")
    }

    /// Which tokens to render: opens and closes that pair up around some content; every other token.
    private func balancedMarks() -> [Bool] {
        var keep = Array(repeating: true, count: tokens.count)
        var open: [(index: Int, mark: Mark, content: Int)] = []
        var content = 0
        for (index, token) in tokens.enumerated() {
            switch token {
            case .word, .code:
                content += 1
            case .open(let mark):
                open.append((index, mark, content))
            case .close(let mark):
                guard let match = open.lastIndex(where: { $0.mark == mark }) else {
                    keep[index] = false
                    continue
                }
                for unmatched in open[(match + 1)...] { keep[unmatched.index] = false }
                let opening = open[match]
                open.removeSubrange(match...)
                if opening.content == content {
                    keep[opening.index] = false
                    keep[index] = false
                }
            case .space, .lineBreak:
                break
            }
        }
        for unmatched in open { keep[unmatched.index] = false }
        return keep
    }

    private static func opening(_ mark: Mark) -> String {
        switch mark {
        case .emphasis: "*"
        case .strong: "**"
        case .link: "["
        }
    }

    private static func closing(_ mark: Mark) -> String {
        switch mark {
        case .emphasis: "*"
        case .strong: "**"
        case .link(let url): "](\(MarkdownEscaper.linkDestination(url)))"
        }
    }
}
