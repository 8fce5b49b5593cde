/// The one rule every store applies to text it is given: U+0000 is stored as U+FFFD (the replacement character).
///
/// Text reaches the stores from the web (titles, extracted text, reasons) and from tenants (names, labels, configs:
/// JSON's "\u0000" is a valid string), and not every store can hold U+0000. PostgreSQL's `text` refuses it (the whole
/// write fails: a crawl batch, a pipeline step, an API call), its `jsonb` refuses the `\u0000` escape, and SQLite, as
/// GRDB binds a Swift string (as a C string), silently cut the text at the first U+0000, losing what followed. Replacing
/// it (not dropping it, which would join the words on either side) keeps every write, everything after the NUL, and the
/// same answer from every backend; a NUL in such text carries no meaning worth a failed crawl.
public enum StorableText {
    /// `text` with every U+0000 replaced by U+FFFD (the same string when it has none, the usual case).
    public static func text(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.lazy.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }

    public static func text(_ text: String?) -> String? { text.map { Self.text($0) } }

    /// JSON text with every `\u0000` escape (and any raw U+0000) replaced by `\ufffd`, so that the value it spells is
    /// what `text(_:)` makes of the original. Escapes are followed, not searched for: `\\u0000` is an escaped backslash
    /// followed by the characters "u0000", and stays as it is.
    public static func json(_ json: String) -> String {
        let bytes = json.utf8
        // Neither a NUL escape nor a raw NUL: nothing to do (the usual case, one scan without a copy).
        guard bytes.contains(0) || json.contains("\\u0000") else { return json }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0 {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                index = bytes.index(after: index)
                continue
            }
            out.append(byte)
            index = bytes.index(after: index)
            guard byte == UInt8(ascii: "\\"), index != bytes.endIndex else { continue }
            // An escape: its character is taken with it, so an escaped backslash never starts another escape.
            let escaped = bytes[index]
            index = bytes.index(after: index)
            guard escaped == UInt8(ascii: "u"), bytes[index...].starts(with: "0000".utf8) else {
                if escaped == 0 { out.append(contentsOf: Array("ufffd".utf8)) } else { out.append(escaped) }
                continue
            }
            out.append(contentsOf: Array("ufffd".utf8))
            index = bytes.index(index, offsetBy: 4)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
