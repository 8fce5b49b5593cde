/// The words of a chunk without its Markdown syntax: what the embedder reads.
///
/// Chunks are cut from the extracted Markdown (so exports keep links, code and tables), but link targets, emphasis
/// marks, table pipes and escapes are noise to an embedding model: URLs would spend its 256-token window on
/// characters that carry no meaning it can use. (The full-text index keeps the Markdown: on the search benchmark,
/// words in link targets — a module's anchor, a page's path — help known-item queries more than they hurt.)
/// This reads the dialect the extractor writes (CommonMark with GFM tables): it drops link destinations (keeping
/// link text and image alt text), emphasis and code marks, heading, quote and list markers, table rules and pipes,
/// fences, and backslash escapes. Code inside fences and spans stays as written.
///
/// It runs on every chunk of every page, so it works on Unicode scalars with ASCII tests: every character that
/// means something to Markdown is ASCII.
public enum MarkdownPlainText {
    private typealias Line = ArraySlice<Unicode.Scalar>

    /// `markdown` as plain text, line by line.
    public static func plain(_ markdown: String) -> String {
        let scalars = Array(markdown.unicodeScalars)
        var output = Output()
        output.bytes.reserveCapacity(markdown.utf8.count)
        var fence: (marker: Unicode.Scalar, length: Int)?
        var first = true
        var start = 0
        while start <= scalars.count {
            let end = scalars[start...].firstIndex(of: "\n") ?? scalars.count
            let line = scalars[start..<end]
            start = end + 1
            let trimmed = line.drop { $0 == " " }
            if let opening = Self.fence(in: trimmed) {
                if let open = fence {
                    if opening.marker == open.marker, opening.length >= open.length,
                       trimmed.dropFirst(opening.length).allSatisfy({ $0 == " " || $0 == "\t" }) {
                        fence = nil
                        continue
                    }
                } else {
                    fence = opening
                    continue
                }
            }
            func startLine() {
                if !first { output.append("\n") }
                first = false
            }
            if fence != nil {
                startLine()
                for scalar in line { output.append(scalar) }
                continue
            }
            // A line that is only syntax (a table rule, a thematic break) leaves no line behind.
            guard let body = Self.blockContent(of: trimmed) else { continue }
            startLine()
            Self.appendInline(body, to: &output)
        }
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// UTF-8 being written: appending a scalar to a `String` goes through its general machinery, and this runs
    /// for every character of every chunk.
    private struct Output {
        var bytes: [UInt8] = []

        var last: UInt8? { bytes.last }

        mutating func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
    }

    /// A code fence's marker and length, when `line` opens or closes one.
    private static func fence(in line: Line) -> (marker: Unicode.Scalar, length: Int)? {
        guard let marker = line.first, marker == "`" || marker == "~" else { return nil }
        let length = line.prefix { $0 == marker }.count
        return length >= 3 ? (marker, length) : nil
    }

    /// The line without its block markers (quote, heading, list item); nil for lines that are only syntax
    /// (table rules, thematic breaks).
    private static func blockContent(of line: Line) -> Line? {
        var rest = line
        // Quotes nest: "> > text".
        while rest.first == ">" { rest = rest.dropFirst().drop { $0 == " " } }
        if isRule(rest) { return nil }
        if rest.first == "#" {
            let hashes = rest.prefix { $0 == "#" }.count
            let after = rest.dropFirst(hashes)
            if hashes <= 6, after.isEmpty || after.first == " " { rest = after.drop { $0 == " " } }
        }
        // List items, possibly nested by indentation: "- ", "* ", "+ ", "1. ", "1) ".
        rest = rest.drop { $0 == " " }
        if let marker = rest.first, marker == "-" || marker == "*" || marker == "+", rest.dropFirst().first == " " {
            rest = rest.dropFirst(2)
        } else {
            let digits = rest.prefix { ("0"..."9").contains($0) }
            let after = rest.dropFirst(digits.count)
            if !digits.isEmpty, digits.count <= 9, let mark = after.first, mark == "." || mark == ")",
               after.count == 1 || after.dropFirst().first == " " {
                rest = after.dropFirst().drop { $0 == " " }
            }
        }
        return rest
    }

    /// Table delimiter rows (`| --- | :-: |`) and thematic breaks (`---`, `***`, `___`).
    private static func isRule(_ line: Line) -> Bool {
        // Most lines start with a word: decided by their first scalar.
        guard let first = line.first(where: { $0 != " " && $0 != "\t" }),
              first == "-" || first == "*" || first == "_" || first == "|" || first == ":" else { return false }
        var marks = 0
        var allFirst = true
        var tableMarks = true
        var dash = false
        for scalar in line where scalar != " " && scalar != "\t" {
            marks += 1
            if scalar != first { allFirst = false }
            if scalar == "-" { dash = true } else if scalar != "|" && scalar != ":" { tableMarks = false }
            if !allFirst && !tableMarks { return false }
        }
        guard marks >= 3 else { return false }
        return (allFirst && (first == "-" || first == "*" || first == "_")) || (tableMarks && dash)
    }

    /// What a backslash escapes (CommonMark: ASCII punctuation).
    private static func isEscapable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Appends one line with its inline syntax removed and runs of spaces collapsed.
    private static func appendInline(_ text: Line, to output: inout Output) {
        let lineStart = output.bytes.count
        appendInlineWords(text, to: &output, lineStart: lineStart)
        while output.bytes.count > lineStart, output.last == UInt8(ascii: " ") { output.bytes.removeLast() }
    }

    private static func appendInlineWords(_ text: Line, to output: inout Output, lineStart: Int) {
        func emit(_ scalar: Unicode.Scalar) {
            if scalar == " " || scalar == "\t" {
                if output.bytes.count > lineStart, output.last != UInt8(ascii: " ") { output.append(" ") }
            } else {
                output.append(scalar)
            }
        }
        var index = text.startIndex
        while index < text.endIndex {
            let scalar = text[index]
            switch scalar {
            case "\\" where index + 1 < text.endIndex && isEscapable(text[index + 1]):
                emit(text[index + 1])
                index += 2
            case "`":
                let run = text[index...].prefix { $0 == "`" }.count
                if let close = closingRun(of: run, in: text, from: index + run) {
                    var code = text[(index + run)..<close]
                    if code.count >= 2, code.first == " ", code.last == " " { code = code.dropFirst().dropLast() }
                    for character in code { emit(character) }
                    index = close + run
                } else {
                    for _ in 0..<run { emit("`") }
                    index += run
                }
            case "[", "!" where index + 1 < text.endIndex && text[index + 1] == "[":
                // A link keeps its label; an image (`![alt](src)`) its alt text.
                if let (label, next) = link(in: text, at: scalar == "!" ? index + 1 : index) {
                    appendInlineWords(label, to: &output, lineStart: lineStart)
                    index = next
                } else {
                    emit(scalar)
                    index += 1
                }
            case "*":
                index += 1  // an emphasis mark: a literal asterisk would have been escaped
            case "_":
                // Intraword underscores are literal (snake_case); at a word's edge they are emphasis.
                let before = index > text.startIndex && isWordScalar(text[index - 1])
                let after = index + 1 < text.endIndex && isWordScalar(text[index + 1])
                if before && after { emit(scalar) }
                index += 1
            case "|":
                emit(" ")
                index += 1
            default:
                emit(scalar)
                index += 1
            }
        }
    }

    /// Where a backtick run of `length` closes, after `start`.
    private static func closingRun(of length: Int, in text: Line, from start: Int) -> Int? {
        var index = start
        while index < text.endIndex {
            guard text[index] == "`" else {
                index += 1
                continue
            }
            let run = text[index...].prefix { $0 == "`" }.count
            if run == length { return index }
            index += run
        }
        return nil
    }

    /// `[label](destination)` at `start` (the `[`): the label and the index after the `)`.
    private static func link(in text: Line, at start: Int) -> (Line, Int)? {
        var depth = 0
        var index = start
        var labelEnd: Int?
        while index < text.endIndex {
            switch text[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { labelEnd = index }
            default: break
            }
            if labelEnd != nil { break }
            index += 1
        }
        guard let labelEnd, labelEnd + 1 < text.endIndex, text[labelEnd + 1] == "(" else { return nil }
        var parentheses = 0
        index = labelEnd + 1
        while index < text.endIndex {
            switch text[index] {
            case "\\": index += 1
            case "(": parentheses += 1
            case ")":
                parentheses -= 1
                if parentheses == 0 { return (text[(start + 1)..<labelEnd], index + 1) }
            default: break
            }
            index += 1
        }
        return nil
    }
}
