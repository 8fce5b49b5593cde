/// Checks on caller-supplied WARC field names and values, so no input can break a record header apart.
enum WARCFieldSyntax {
    /// Throws unless `name` is an RFC 9110 token, the grammar WARC field names share with HTTP.
    static func checkName(_ name: String) throws(WARCError) {
        guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
            throw .invalidFieldName(name)
        }
    }

    /// Throws if `value` holds a line break or other control character (tab aside).
    static func checkValue(_ value: String, of name: String) throws(WARCError) {
        // A CR or LF would end the field early and let the rest pose as a new field or record.
        let isSafe = value.utf8.allSatisfy { $0 == UInt8(ascii: "\t") || ($0 >= 0x20 && $0 != 0x7F) }
        guard isSafe else { throw .invalidFieldValue(name: name, value: value) }
    }

    /// Throws unless `value` is non-empty and free of whitespace and control characters, as URIs and addresses are.
    static func checkSpaceless(_ value: String, of name: String) throws(WARCError) {
        // WARC 1.1 writes URIs bare (no angle brackets), so a space would make the value ambiguous.
        let isSafe = !value.isEmpty && value.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F }
        guard isSafe else { throw .invalidFieldValue(name: name, value: value) }
    }

    /// Whether `byte` is a `tchar` of RFC 9110 section 5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
