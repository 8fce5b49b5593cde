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
    ///
    /// Runs of ordinary bytes are copied in one go: this is the parser's hottest loop.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        if bytes.capacity == 0 { bytes.reserveCapacity(8 << 10) }
        let count = text.count
        var index = 0
        while index < count {
            // A run is ordinary bytes joined by single spaces: already normalised, so copied in one go.
            var end = index
            while end < count {
                let byte = text[end]
                if !Self.isSpecial(byte) {
                    end += 1
                } else if byte == 0x20, end > index, end + 1 < count, !Self.isSpecial(text[end + 1]) {
                    end += 1
                } else {
                    break
                }
            }
            if end > index {
                flushSeparator()
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<end]))
                index = end
                continue
            }
            let byte = text[index]
            let next = index + 1 < count ? text[index + 1] : 0
            if byte == 0xC2, next == 0xA0 {
                separate(by: .space)
                index += 2
            } else if byte == 0xC2, next == 0xAD {
                // SOFT HYPHEN is invisible unless a line wraps there; dropping it keeps words searchable.
                index += 2
            } else if byte == 0xC2 {
                flushSeparator()
                bytes.append(byte)
                index += 1
            } else {
                separate(by: .space)
                index += 1
            }
        }
    }

    /// ASCII whitespace, or the lead byte of NO-BREAK SPACE / SOFT HYPHEN.
    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0xC2 || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
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
