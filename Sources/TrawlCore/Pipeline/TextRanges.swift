/// Cuts a range of Unicode scalars into lines, sentences or words: ranges trimmed of whitespace, in order, never
/// empty, so that no visible character falls between two of them.
enum TextRanges {
    /// Lines separated by line feeds; blank lines are skipped.
    static func lines(_ text: [Unicode.Scalar], in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where text[index] == "\n" {
            if let line = trimmed(text, start..<index) { result.append(line) }
            start = index + 1
        }
        if let line = trimmed(text, start..<range.upperBound) { result.append(line) }
        return result
    }

    /// Sentences: a terminator (. ! ? …), any closing quotes or brackets, then whitespace; CJK full stops end a
    /// sentence without the whitespace.
    static func sentences(_ text: [Unicode.Scalar], in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = text[index]
            index += 1
            guard terminators.contains(scalar) || wideTerminators.contains(scalar) else { continue }
            while index < range.upperBound, closers.contains(text[index]) { index += 1 }
            guard index == range.upperBound || isWhitespace(text[index]) || wideTerminators.contains(scalar) else {
                continue
            }
            if let sentence = trimmed(text, start..<index) { result.append(sentence) }
            start = index
        }
        if let sentence = trimmed(text, start..<range.upperBound) { result.append(sentence) }
        return result
    }

    /// Words: runs of non-whitespace.
    static func words(_ text: [Unicode.Scalar], in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        for index in range {
            if isWhitespace(text[index]) {
                if let wordStart = start { result.append(wordStart..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let wordStart = start { result.append(wordStart..<range.upperBound) }
        return result
    }

    /// The range without leading and trailing whitespace; nil when nothing is left.
    static func trimmed(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int>? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isWhitespace(text[lower]) { lower += 1 }
        while upper > lower, isWhitespace(text[upper - 1]) { upper -= 1 }
        return lower < upper ? lower..<upper : nil
    }

    /// ASCII whitespace on a fast path, then Unicode's White_Space (NO-BREAK SPACE, ideographic space …).
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: return true
        case 0..<0x80: return false
        default: return scalar.properties.isWhitespace
        }
    }

    private static let terminators: Set<Unicode.Scalar> = [".", "!", "?", "…"]
    private static let wideTerminators: Set<Unicode.Scalar> = ["。", "！", "？"]
    private static let closers: Set<Unicode.Scalar> = ["\"", "'", ")", "]", "”", "’", "»", "*", "_"]
}
