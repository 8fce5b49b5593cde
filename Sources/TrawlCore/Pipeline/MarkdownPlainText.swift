/// The words of a chunk without its Markdown syntax: what the embedder reads.
///
/// Chunks are cut from the extracted Markdown (so exports keep links, code and tables), but link targets, emphasis
/// marks, table pipes and escapes are noise to an embedding model: URLs would spend its 256-token window on
/// characters that carry no meaning it can use. (The full-text index keeps the Markdown: on the search benchmark,
/// words in link targets — a module's anchor, a page's path — help known-item queries more than they hurt.)
/// This reads the dialect the extractor writes (CommonMark with GFM tables): it drops link destinations (keeping
/// link text and image alt text), emphasis and code marks, heading, quote and list markers, table rules and pipes,
/// fences, and backslash escapes. Code inside fences and spans stays as written.
public enum MarkdownPlainText {
    /// What a backslash escapes (CommonMark: ASCII punctuation).
    private static let escapable = Set(##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##)

    /// `markdown` as plain text, line by line.
    public static func plain(_ markdown: String) -> String {
        var lines: [String] = []
        var fence: (character: Character, length: Int)?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let opening = Self.fence(in: trimmed) {
                if let open = fence {
                    if opening.character == open.character, opening.length >= open.length,
                       trimmed.dropFirst(opening.length).allSatisfy(\.isWhitespace) {
                        fence = nil
                        continue
                    }
                } else {
                    fence = opening
                    continue
                }
            }
            if fence != nil {
                lines.append(String(line))
                continue
            }
            guard let body = Self.blockContent(of: trimmed) else { continue }
            lines.append(Self.inline(body))
        }
        return lines.joined(separator: "\n")
    }

    /// A code fence's character and length, when `line` opens or closes one.
    private static func fence(in line: Substring) -> (character: Character, length: Int)? {
        guard let first = line.first, first == "`" || first == "~" else { return nil }
        let length = line.prefix { $0 == first }.count
        return length >= 3 ? (first, length) : nil
    }

    /// The line without its block markers (quote, heading, list item); nil for lines that are only syntax
    /// (table rules, thematic breaks).
    private static func blockContent(of line: Substring) -> Substring? {
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
        if let marker = rest.first, "-*+".contains(marker), rest.dropFirst().first == " " {
            rest = rest.dropFirst(2)
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            let after = rest.dropFirst(digits.count)
            if !digits.isEmpty, digits.count <= 9, let mark = after.first, mark == "." || mark == ")",
               after.dropFirst().first == " " || after.count == 1 {
                rest = after.dropFirst().drop { $0 == " " }
            }
        }
        return rest
    }

    /// Table delimiter rows (`| --- | :-: |`) and thematic breaks (`---`, `***`, `___`).
    private static func isRule(_ line: Substring) -> Bool {
        let marks = line.filter { !$0.isWhitespace }
        guard marks.count >= 3 else { return false }
        if let first = marks.first, "-*_".contains(first), marks.allSatisfy({ $0 == first }) { return true }
        return marks.contains("-") && marks.allSatisfy { "|:-".contains($0) }
    }

    /// Inline syntax removed from one line.
    private static func inline(_ text: Substring) -> String {
        let characters = Array(text)
        var output = ""
        output.reserveCapacity(characters.count)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\" where index + 1 < characters.count && escapable.contains(characters[index + 1]):
                output.append(characters[index + 1])
                index += 2
            case "`":
                let run = characters[index...].prefix { $0 == "`" }.count
                if let close = closingRun(of: run, in: characters, from: index + run) {
                    var code = String(characters[(index + run)..<close])
                    if code.count >= 2, code.hasPrefix(" "), code.hasSuffix(" ") { code = String(code.dropFirst().dropLast()) }
                    output += code
                    index = close + run
                } else {
                    output += String(repeating: "`", count: run)
                    index += run
                }
            case "!" where index + 1 < characters.count && characters[index + 1] == "[":
                if let (label, next) = link(in: characters, at: index + 1) {
                    output += inline(Substring(label))
                    index = next
                } else {
                    output.append(character)
                    index += 1
                }
            case "[":
                if let (label, next) = link(in: characters, at: index) {
                    output += inline(Substring(label))
                    index = next
                } else {
                    output.append(character)
                    index += 1
                }
            case "*", "~":
                index += 1  // emphasis and strikethrough marks: a literal one would have been escaped
            case "_":
                // Intraword underscores are literal (snake_case); at a word's edge they are emphasis.
                let before = index > 0 && (characters[index - 1].isLetter || characters[index - 1].isNumber)
                let after = index + 1 < characters.count && (characters[index + 1].isLetter || characters[index + 1].isNumber)
                if before && after { output.append(character) }
                index += 1
            case "|":
                output.append(" ")
                index += 1
            default:
                output.append(character)
                index += 1
            }
        }
        return String(output.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
    }

    /// Where a backtick run of `length` closes, after `start`.
    private static func closingRun(of length: Int, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            guard characters[index] == "`" else {
                index += 1
                continue
            }
            let run = characters[index...].prefix { $0 == "`" }.count
            if run == length { return index }
            index += run
        }
        return nil
    }

    /// `[label](destination)` at `start` (the `[`): the label and the index after the `)`.
    private static func link(in characters: [Character], at start: Int) -> ([Character], Int)? {
        var depth = 0
        var index = start
        var labelEnd: Int?
        while index < characters.count {
            switch characters[index] {
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
        guard let labelEnd, labelEnd + 1 < characters.count, characters[labelEnd + 1] == "(" else { return nil }
        var parentheses = 0
        index = labelEnd + 1
        while index < characters.count {
            switch characters[index] {
            case "\\": index += 1
            case "(": parentheses += 1
            case ")":
                parentheses -= 1
                if parentheses == 0 { return (Array(characters[(start + 1)..<labelEnd]), index + 1) }
            default: break
            }
            index += 1
        }
        return nil
    }
}
