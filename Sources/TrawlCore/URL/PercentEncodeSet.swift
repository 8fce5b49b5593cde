/// The bytes a URL component must percent-encode (WHATWG URL standard, special schemes).
enum PercentEncodeSet {
    /// C0 controls, space, ", #, <, >, ?, ^, `, {, } and everything above "~". The current standard
    /// includes "^" (RFC 3986 never allowed it bare), which also merges "^" with "%5E".
    case path
    /// The special-query set: C0 controls, space, ", #, <, >, ' and everything above "~".
    case query

    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        if byte <= 0x20 || byte >= 0x7F { return true }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return true
        case UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return self == .path
        case UInt8(ascii: "'"):
            return self == .query
        default:
            return false
        }
    }
}
