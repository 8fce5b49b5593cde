/// Decides which encoding a page is decoded with, following the order browsers use.
enum CharsetSniffer {
    /// The decision: the encoding, and how many leading bytes are a byte order mark to drop.
    struct Decision: Equatable {
        var encoding: HTMLEncoding
        var byteOrderMarkLength: Int
    }

    /// A byte order mark, then the HTTP charset, then a `<meta>` declaration in the first 1024 bytes, then UTF-8 if
    /// the bytes are valid UTF-8, else windows-1252. Unknown labels fall through to the next rule.
    ///
    /// The BOM beats the HTTP header, as in the WHATWG decode algorithm: a BOM is near-certain evidence, while
    /// servers often send a default `charset=iso-8859-1` for every file.
    static func decide(_ body: [UInt8], declaredCharset: String?) -> Decision {
        if let bom = byteOrderMark(body) {
            return bom
        }
        if let declaredCharset, let encoding = HTMLEncoding(label: declaredCharset) {
            return Decision(encoding: encoding, byteOrderMarkLength: 0)
        }
        if let encoding = MetaCharsetPrescan.encoding(in: body.prefix(1024)) {
            return Decision(encoding: encoding, byteOrderMarkLength: 0)
        }
        let isUTF8 = body.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
        return Decision(encoding: isUTF8 ? .utf8 : .windows1252, byteOrderMarkLength: 0)
    }

    private static func byteOrderMark(_ body: [UInt8]) -> Decision? {
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decision(encoding: .utf8, byteOrderMarkLength: 3)
        }
        if body.starts(with: [0xFF, 0xFE]) {
            return Decision(encoding: .utf16LE, byteOrderMarkLength: 2)
        }
        if body.starts(with: [0xFE, 0xFF]) {
            return Decision(encoding: .utf16BE, byteOrderMarkLength: 2)
        }
        return nil
    }
}
