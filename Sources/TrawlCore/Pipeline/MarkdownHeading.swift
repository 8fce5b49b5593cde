/// Reads a heading's title as plain text for a chunk's heading path: `## Install *fast* with [`brew`](…)` reads
/// "Install fast with brew".
enum MarkdownHeading {
    /// The title in `range` without emphasis, code and link syntax or backslash escapes, whitespace collapsed.
    static func plainTitle(_ text: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        func emit(_ scalar: Unicode.Scalar) {
            if pendingSpace, !output.isEmpty { output.append(" ") }
            pendingSpace = false
            output.append(scalar)
        }
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = text[index]
            let next = index + 1 < range.upperBound ? text[index + 1] : nil
            switch scalar {
            case "\\" where next.map(isASCIIPunctuation) ?? false:
                emit(next!)
                index += 2
                continue
            case "*", "`":
                break
            case "_" where !isIntraword(text, index, range):
                break
            case "!" where next == "[":
                break
            case "[":
                // A link keeps its text; its destination goes.
                if let close = linkTextEnd(text, from: index + 1, in: range) {
                    index += 1
                    while index < close {
                        if TextRanges.isWhitespace(text[index]) {
                            pendingSpace = true
                        } else if text[index] != "*" && text[index] != "`" {
                            emit(text[index])
                        }
                        index += 1
                    }
                    index = destinationEnd(text, from: close + 1, in: range)
                    continue
                }
                emit(scalar)
            default:
                if TextRanges.isWhitespace(scalar) { pendingSpace = true } else { emit(scalar) }
            }
            index += 1
        }
        return String(output)
    }

    /// The index of the `]` that closes link text opened just before `start`, when `(` follows it.
    private static func linkTextEnd(_ text: [Unicode.Scalar], from start: Int, in range: Range<Int>) -> Int? {
        var depth = 0
        var index = start
        while index < range.upperBound {
            switch text[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                if depth == 0 { return index + 1 < range.upperBound && text[index + 1] == "(" ? index : nil }
                depth -= 1
            default: break
            }
            index += 1
        }
        return nil
    }

    /// Just past the `)` closing a link destination that starts with `(` at `start`.
    private static func destinationEnd(_ text: [Unicode.Scalar], from start: Int, in range: Range<Int>) -> Int {
        var depth = 0
        var index = start
        while index < range.upperBound {
            if text[index] == "(" { depth += 1 }
            if text[index] == ")" {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return range.upperBound
    }

    private static func isIntraword(_ text: [Unicode.Scalar], _ index: Int, _ range: Range<Int>) -> Bool {
        index > range.lowerBound && index + 1 < range.upperBound
            && text[index - 1].properties.isAlphabetic && text[index + 1].properties.isAlphabetic
    }

    private static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (33...47 ~= scalar.value || 58...64 ~= scalar.value || 91...96 ~= scalar.value
            || 123...126 ~= scalar.value)
    }
}
