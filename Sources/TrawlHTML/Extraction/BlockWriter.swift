/// Writes blocks as Markdown and as plain text side by side. Blocks are separated by a blank line, list items by a
/// line break; inside quotes and list items every line carries the containers' prefixes (`> `, the item's marker on
/// its first line and an indent after).
struct BlockWriter {
    private enum Container {
        case quote
        case list(ordered: Bool, next: Int, hasItems: Bool)
        /// A list item; its marker waits for the item's first line.
        case item(indent: Int, marker: String?)
    }

    /// Quotes and lists nested deeper than this are flattened: each line repeats every prefix, so unbounded nesting
    /// would make the output quadratic in the page.
    static let maximumNesting = 8

    private(set) var markdown = ""
    private(set) var text = ""
    private var containers: [Container] = []
    private var hasWritten = false
    /// How many containers the last written block shares with the next: a blank separator line carries only theirs.
    private var sharedDepth = 0
    /// Whether the next block follows the previous one on the next line (list items) instead of after a blank line.
    private var tight = false

    /// Opens a blockquote; false when nesting is too deep and the quote is flattened instead.
    mutating func beginQuote() -> Bool {
        guard containers.count < Self.maximumNesting else { return false }
        containers.append(.quote)
        tight = false
        return true
    }

    mutating func endQuote() {
        pop()
    }

    /// Opens a list; false when nesting is too deep and its items become plain blocks.
    mutating func beginList(ordered: Bool, start: Int) -> Bool {
        guard containers.count < Self.maximumNesting else { return false }
        // A list nested under its item's first line follows that line directly.
        if case .item(_, nil)? = containers.last { tight = true }
        containers.append(.list(ordered: ordered, next: start, hasItems: false))
        return true
    }

    mutating func endList() {
        pop()
        tight = false
    }

    /// Opens an item of the innermost list; false when no list is open directly around it.
    mutating func beginItem() -> Bool {
        guard case .list(let ordered, let number, let hasItems)? = containers.last,
              containers.count < Self.maximumNesting
        else { return false }
        containers[containers.count - 1] = .list(ordered: ordered, next: number + 1, hasItems: true)
        if hasItems { tight = true }
        let marker = ordered ? "\(number). " : "- "
        containers.append(.item(indent: marker.count, marker: marker))
        return true
    }

    mutating func endItem() {
        pop()
    }

    mutating func writeParagraph(_ inline: InlineBuffer) {
        guard inline.hasContent else { return }
        write(markdownLines: inline.markdownLines(), textLines: inline.plainLines())
    }

    mutating func writeHeading(level: Int, _ inline: InlineBuffer) {
        guard inline.hasContent else { return }
        var line = inline.markdownLines().joined(separator: " ")
        // A heading ending in " #" would lose the #s as a closing sequence.
        if let last = line.split(separator: " ").last, last.allSatisfy({ $0 == "#" }),
           line.count > last.count {
            line.insert("\\", at: line.index(line.endIndex, offsetBy: -last.count))
        }
        write(markdownLines: [String(repeating: "#", count: level) + " " + line], textLines: [inline.plainText()])
    }

    /// A fenced code block, its fence longer than any backtick run inside.
    mutating func writeCode(_ code: String, language: String?) {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var longest = 0
        for line in lines {
            longest = max(longest, line.prefix { $0 == "`" || $0 == " " }.filter { $0 == "`" }.count)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        write(markdownLines: [fence + (language ?? "")] + lines + [fence], textLines: lines)
    }

    mutating func writeTable(markdown lines: [String], text textLines: [String]) {
        guard !lines.isEmpty else { return }
        write(markdownLines: lines, textLines: textLines)
    }

    private mutating func pop() {
        guard !containers.isEmpty else { return }
        containers.removeLast()
        sharedDepth = min(sharedDepth, containers.count)
    }

    private mutating func write(markdownLines: [String], textLines: [String]) {
        if hasWritten {
            markdown += "\n"
            if !tight { markdown += separatorPrefix() + "\n" }
        }
        // A block can have Markdown and no text (a code fence around whitespace): the text's separators go only
        // between blocks that have some, so it never starts or breaks with an empty line.
        var body = Substring(textLines.joined(separator: "\n"))
        if text.isEmpty { body = body.drop { $0 == "\n" } }
        if !text.isEmpty && !body.isEmpty { text += tight ? "\n" : "\n\n" }
        text += body
        for (index, line) in markdownLines.enumerated() {
            if index > 0 { markdown += "\n" }
            let prefix = linePrefix(isFirst: index == 0)
            markdown += line.isEmpty ? String(prefix.reversed().drop { $0 == " " }.reversed()) : prefix + line
        }
        hasWritten = true
        sharedDepth = containers.count
        tight = false
    }

    /// The prefix of a block's line; the first line of an item's first block takes the item's marker.
    private mutating func linePrefix(isFirst: Bool) -> String {
        var prefix = ""
        for index in containers.indices {
            switch containers[index] {
            case .quote:
                prefix += "> "
            case .list:
                break
            case .item(let indent, let marker):
                if isFirst, let marker {
                    prefix += marker
                    containers[index] = .item(indent: indent, marker: nil)
                } else {
                    prefix += String(repeating: " ", count: indent)
                }
            }
        }
        return prefix
    }

    /// A blank line inside the shared containers: `>` per quote, nothing for list indents.
    private func separatorPrefix() -> String {
        var prefix = ""
        for container in containers.prefix(sharedDepth) {
            if case .quote = container { prefix += prefix.isEmpty ? ">" : " >" }
        }
        return prefix
    }
}
