/// Escapes page text so that Markdown shows it literally, without burying prose in backslashes: a character is
/// escaped only where Markdown would read it as syntax.
enum MarkdownEscaper {
    /// One word (no whitespace inside); `atLineStart` when it begins a line, where `#`, `>`, `-`, `+` and `1.`
    /// would start a heading, quote or list.
    static func escape(_ word: String, atLineStart: Bool, inLinkText: Bool, inTable: Bool) -> String {
        // Most words hold no character Markdown cares about.
        if !atLineStart, !word.utf8.contains(where: isSpecial) { return word }
        let scalars = Array(word.unicodeScalars)
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let previous = index > 0 ? scalars[index - 1] : nil
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if needsEscape(scalar, previous: previous, next: next, following: scalars[(index + 1)...],
                           inLinkText: inLinkText, inTable: inTable)
                || (index == 0 && atLineStart && startsBlock(scalars)) {
                output.append("\\")
            } else if atLineStart, index > 0, isOrderedListMarker(scalars), index == scalars.count - 1 {
                output.append("\\")
            }
            output.append(scalar)
        }
        return String(output)
    }

    /// Bytes that may need a backslash somewhere in a word.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "*"), UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "|"):
            return true
        default:
            return false
        }
    }

    /// Inline code: a backtick fence longer than any run inside, padded when the code touches a backtick.
    static func codeSpan(_ code: String, inTable: Bool) -> String {
        var longest = 0
        var run = 0
        for scalar in code.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        // GFM splits table cells at every unescaped pipe, even inside code spans.
        let body = inTable ? code.replacingPipes() : code
        let padding = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
        return fence + padding + body + padding + fence
    }

    /// A link destination that cannot end early: spaces, parentheses and angle brackets percent-encoded.
    static func linkDestination(_ url: String) -> String {
        var output = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ": output += "%20"
            case "(": output += "%28"
            case ")": output += "%29"
            case "<": output += "%3C"
            case ">": output += "%3E"
            case "\t", "\n", "\r", "\u{0C}":
                continue
            default:
                if !scalar.isASCII, scalar.properties.isWhitespace { continue }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, previous: Unicode.Scalar?, next: Unicode.Scalar?,
                                    following: ArraySlice<Unicode.Scalar>, inLinkText: Bool, inTable: Bool) -> Bool {
        switch scalar {
        case "*", "`":
            return true
        case "\\":
            // A backslash is literal unless punctuation follows (or a mark may, at the end of the word).
            return next.map(isASCIIPunctuation) ?? true
        case "_":
            // Inside a word (snake_case) an underscore cannot open or close emphasis.
            return !(previous.map(isAlphanumeric) ?? false) || !(next.map(isAlphanumeric) ?? false)
        case "[", "]":
            return inLinkText
        case "<":
            return next.map { $0.properties.isAlphabetic || $0 == "/" || $0 == "!" || $0 == "?" } ?? false
        case "&":
            return startsEntity(following)
        case "|":
            return inTable
        default:
            return false
        }
    }

    /// Whether a word at the start of a line would open a block: an ATX heading (`##`), a quote, a list bullet,
    /// a setext underline or thematic break (`---`, `===`), or a code fence (`~~~`).
    private static func startsBlock(_ word: [Unicode.Scalar]) -> Bool {
        guard let first = word.first else { return false }
        switch first {
        case "#": return word.count <= 6 && word.allSatisfy { $0 == "#" }
        case ">": return true
        case "-", "+", "=": return word.allSatisfy { $0 == first }
        case "~": return word.count >= 3 && word.prefix(3).allSatisfy { $0 == "~" }
        default: return false
        }
    }

    /// "1." or "12)": an ordered list marker when it starts a line.
    private static func isOrderedListMarker(_ word: [Unicode.Scalar]) -> Bool {
        guard word.count >= 2, word.count <= 10, let last = word.last, last == "." || last == ")" else { return false }
        return word.dropLast().allSatisfy { ("0"..."9").contains($0) }
    }

    /// `&name;` or `&#123;`: Markdown would decode it as an entity.
    private static func startsEntity(_ following: ArraySlice<Unicode.Scalar>) -> Bool {
        var length = 0
        for scalar in following {
            if scalar == ";" { return length > 0 }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#"
            else { return false }
            length += 1
        }
        return false
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (33...47 ~= scalar.value || 58...64 ~= scalar.value || 91...96 ~= scalar.value
            || 123...126 ~= scalar.value)
    }
}

extension String {
    /// The string with every `|` escaped for a GFM table cell.
    fileprivate func replacingPipes() -> String {
        var output = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "|" { output.append("\\") }
            output.append(scalar)
        }
        return String(output)
    }
}
