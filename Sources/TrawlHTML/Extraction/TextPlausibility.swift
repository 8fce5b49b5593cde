/// Judges whether decoded UTF-8 is text at all. Binary data served as `text/html` (an image, a compressed body
/// the server mislabelled), or a page decoded with the wrong charset, still "parses": libxml2 recovers from
/// anything and yields paragraphs of garbage that would be indexed and embedded. Real pages, in any language,
/// almost never contain control characters or undecodable bytes; binary data is full of them.
struct TextPlausibility {
    /// Characters looked at.
    private(set) var characters = 0
    /// Control characters (C0 other than tab, line feed, form feed, carriage return; C1) and U+FFFD, the mark of
    /// bytes the decoder could not read.
    private(set) var suspicious = 0

    /// Shorter bodies are not judged: a stray byte in a tiny page says nothing.
    static let minimumCharacters = 64
    /// The share of suspicious characters, in percent, above which a body is not text.
    static let maximumSuspiciousPercent = 2

    /// Counts over `utf8` in one pass over its bytes.
    init(utf8: [UInt8]) {
        var index = 0
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            if byte & 0xC0 != 0x80 { characters += 1 }
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D { suspicious += 1 }
            } else if byte == 0xC2, index + 1 < count, (0x80...0x9F).contains(utf8[index + 1]) {
                suspicious += 1
            } else if byte == 0xEF, index + 2 < count, utf8[index + 1] == 0xBF, utf8[index + 2] == 0xBD {
                suspicious += 1
            }
            index += 1
        }
    }

    /// Why the body is not text, or nil when it plausibly is.
    var problem: String? {
        guard characters >= Self.minimumCharacters, suspicious * 100 > characters * Self.maximumSuspiciousPercent
        else { return nil }
        let percent = suspicious * 100 / characters
        return "\(percent)% of its \(characters) characters are control characters or undecodable bytes"
    }
}
