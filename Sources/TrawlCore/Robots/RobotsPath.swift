/// The percent-encoding normal form in which robots.txt patterns and request paths are compared.
///
/// RFC 9309 §2.2.2 makes `/ä`, `/%C3%A4` and `/%c3%a4` the same path, and `/%7Efoo` the same as `/~foo`,
/// while `/a%2Fb` stays distinct from `/a/b`. Both sides are therefore rewritten before comparison:
/// - `%XX` of an unreserved character (RFC 3986: letters, digits, `-._~`) is decoded;
/// - any other `%XX` is kept, with upper-case hex digits; a `%` that starts no escape becomes `%25`;
/// - octets that may never appear raw in a URI (controls, space, non-ASCII, and ASCII such as `"`, `<`, `{`)
///   are encoded, so a pattern written with them matches the escaped form a crawler requests;
/// - a literal `*` or `$` becomes `%2A` / `%24`, because in a pattern those characters are operators, so
///   §2.2.3 has patterns spell them encoded; in a pattern only `*` stays raw, meaning "any sequence".
enum RobotsPath {
    /// Whether `bytes` are already in normal form as a request path, the common case worth a fast check.
    static func isNormal(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy(isPlain)
    }

    /// `bytes` of a request path and query in normal form; every `*` and `$` in them is literal.
    static func normalizedPath(_ bytes: some Collection<UInt8>) -> [UInt8] {
        normalized(bytes, keepingWildcards: false)
    }

    /// `bytes` of a rule's pattern (its `$` anchor already removed) in normal form, `*` left as the wildcard.
    static func normalizedPattern(_ bytes: some Collection<UInt8>) -> [UInt8] {
        normalized(bytes, keepingWildcards: true)
    }

    private static func normalized(_ bytes: some Collection<UInt8>, keepingWildcards: Bool) -> [UInt8] {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 8)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count,
               let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    output.append(decoded)
                } else {
                    appendEscape(decoded, to: &output)
                }
                index += 3
                continue
            }
            if isPlain(byte) || (keepingWildcards && byte == UInt8(ascii: "*")) {
                output.append(byte)
            } else {
                appendEscape(byte, to: &output)
            }
            index += 1
        }
        return output
    }

    /// Whether `byte` stands for itself in normal form: unreserved, or reserved but not an operator.
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
             UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"),
             UInt8(ascii: "!"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
             UInt8(ascii: "["), UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }

    /// Whether `byte` is an RFC 3986 unreserved character, the only ones whose escapes are decoded.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "%"))
        output.append(hexDigit(byte >> 4))
        output.append(hexDigit(byte & 0x0F))
    }

    /// The upper-case hex digit for a value below 16: RFC 3986 §2.1 prefers upper case in escapes.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
