/// Accumulates text as a reader sees it: whitespace runs collapsed to one space, lines trimmed, no blank lines.
struct VisibleTextBuilder {
    private enum Separator { case none, space, newline }

    private var bytes: [UInt8] = []
    /// Written only when more text follows, which keeps lines trimmed and blank lines out.
    private var pending = Separator.none

    var isEmpty: Bool { bytes.isEmpty }

    /// The text so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends UTF-8 text. NO-BREAK SPACE counts as whitespace: pages use `&nbsp;` for layout.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < text.count {
            let byte = text[index]
            let next = index + 1 < text.count ? text[index + 1] : 0
            if byte.isASCIIWhitespace {
                separate(by: .space)
                index += 1
            } else if byte == 0xC2, next == 0xA0 {
                separate(by: .space)
                index += 2
            } else if byte == 0xC2, next == 0xAD {
                // SOFT HYPHEN is invisible unless a line wraps there; dropping it keeps words searchable.
                index += 2
            } else {
                flushSeparator()
                bytes.append(byte)
                index += 1
            }
        }
    }

    /// Ends the current line (block boundary).
    mutating func breakLine() {
        separate(by: .newline)
    }

    /// Keeps the next text from gluing onto the previous word (table cells).
    mutating func separateWords() {
        separate(by: .space)
    }

    private mutating func separate(by separator: Separator) {
        guard !bytes.isEmpty else { return }
        if separator == .newline || pending == .none { pending = separator }
    }

    private mutating func flushSeparator() {
        switch pending {
        case .none: return
        case .space: bytes.append(0x20)
        case .newline: bytes.append(0x0A)
        }
        pending = .none
    }
}
