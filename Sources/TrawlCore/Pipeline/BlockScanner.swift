/// Reads Markdown line by line and reports its blocks: runs of non-blank lines, fenced code blocks (blank lines
/// and all) and heading lines.
struct BlockScanner {
    enum Event {
        case block(Range<Int>, MarkdownOutline.BlockKind)
        /// A heading line (or setext pair), its level, and where its title text is.
        case heading(Range<Int>, level: Int, title: Range<Int>)
    }

    let text: [Unicode.Scalar]
    private var blockRange: Range<Int>?
    private var blockLines = 0
    private var blockFirstLine: Range<Int>?
    private var fence: (marker: Unicode.Scalar, length: Int)?

    init(text: [Unicode.Scalar]) {
        self.text = text
    }

    /// The events that one line (without its line feed) completes.
    mutating func line(_ line: Range<Int>) -> [Event] {
        let content = TextRanges.trimmed(text, line)
        if let open = fence {
            if let content { extend(with: content) }
            if let content, isClosingFence(content, open) {
                fence = nil
                return finishBlock(as: .code)
            }
            return []
        }
        guard let content else { return finishBlock(as: .text) }
        if let (level, title) = atxHeading(line) {
            return finishBlock(as: .text) + [.heading(content, level: level, title: title)]
        }
        if let opening = fenceOpening(content) {
            let finished = finishBlock(as: .text)
            fence = opening
            extend(with: content)
            return finished
        }
        if let level = setextLevel(line), blockLines == 1, let title = blockFirstLine, let start = blockRange,
           isPlainLine(title) {
            blockRange = nil
            blockLines = 0
            return [.heading(start.lowerBound..<content.upperBound, level: level, title: title)]
        }
        extend(with: content)
        if blockLines == 0 { blockFirstLine = content }
        blockLines += 1
        return []
    }

    /// The block still open at the end of the text (a fence never closed is code to the end).
    mutating func finish() -> [Event] {
        finishBlock(as: fence == nil ? .text : .code)
    }

    private mutating func extend(with content: Range<Int>) {
        blockRange = (blockRange?.lowerBound ?? content.lowerBound)..<content.upperBound
    }

    private mutating func finishBlock(as kind: MarkdownOutline.BlockKind) -> [Event] {
        defer {
            blockRange = nil
            blockLines = 0
        }
        return blockRange.map { [.block($0, kind)] } ?? []
    }

    /// `#`…`######` after at most three spaces, then whitespace or the end of the line.
    private func atxHeading(_ line: Range<Int>) -> (Int, Range<Int>)? {
        var index = line.lowerBound
        while index < line.upperBound, index - line.lowerBound < 3, text[index] == " " { index += 1 }
        var level = 0
        while index < line.upperBound, text[index] == "#" {
            level += 1
            index += 1
        }
        guard (1...6).contains(level), index == line.upperBound || text[index] == " " || text[index] == "\t" else {
            return nil
        }
        // A closing sequence of #s after a space is not part of the title.
        var end = line.upperBound
        while end > index, TextRanges.isWhitespace(text[end - 1]) { end -= 1 }
        var closing = end
        while closing > index, text[closing - 1] == "#" { closing -= 1 }
        if closing < end, closing == index || text[closing - 1] == " " || text[closing - 1] == "\t" { end = closing }
        return (level, index..<max(index, end))
    }

    /// `===` (level 1) or `---` (level 2) alone on a line, at most three spaces in.
    private func setextLevel(_ line: Range<Int>) -> Int? {
        guard let content = TextRanges.trimmed(text, line), content.lowerBound - line.lowerBound <= 3 else {
            return nil
        }
        let marker = text[content.lowerBound]
        guard marker == "=" || marker == "-", text[content].allSatisfy({ $0 == marker }) else { return nil }
        return marker == "=" ? 1 : 2
    }

    /// A line that can be a setext title: not a list item, quote, table row or indented code.
    private func isPlainLine(_ line: Range<Int>) -> Bool {
        let first = text[line.lowerBound]
        if "-*+>|".unicodeScalars.contains(first) { return false }
        var index = line.lowerBound
        while index < line.upperBound, ("0"..."9").contains(text[index]) { index += 1 }
        return !(index > line.lowerBound && index < line.upperBound && (text[index] == "." || text[index] == ")"))
    }

    /// A fence (three or more backticks or tildes), also behind quote markers and a list item's marker.
    private func fenceOpening(_ content: Range<Int>) -> (Unicode.Scalar, Int)? {
        var index = content.lowerBound
        while index < content.upperBound, text[index] == ">" || text[index] == " " { index += 1 }
        if index + 1 < content.upperBound, "-*+".unicodeScalars.contains(text[index]), text[index + 1] == " " {
            index += 2
        } else {
            var digits = index
            while digits < content.upperBound, ("0"..."9").contains(text[digits]) { digits += 1 }
            if digits > index, digits + 1 < content.upperBound, text[digits] == "." || text[digits] == ")",
               text[digits + 1] == " " {
                index = digits + 2
            }
        }
        while index < content.upperBound, text[index] == " " { index += 1 }
        guard index < content.upperBound, text[index] == "`" || text[index] == "~" else { return nil }
        let marker = text[index]
        var length = 0
        while index + length < content.upperBound, text[index + length] == marker { length += 1 }
        guard length >= 3 else { return nil }
        // A backtick fence's info string cannot contain backticks (that would be inline code).
        if marker == "`", text[(index + length)..<content.upperBound].contains("`") { return nil }
        return (marker, length)
    }

    private func isClosingFence(_ content: Range<Int>, _ open: (marker: Unicode.Scalar, length: Int)) -> Bool {
        var index = content.lowerBound
        while index < content.upperBound, text[index] == ">" || text[index] == " " { index += 1 }
        var length = 0
        while index < content.upperBound, text[index] == open.marker {
            length += 1
            index += 1
        }
        return length >= open.length && index == content.upperBound
    }
}
