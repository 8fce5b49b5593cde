import CLibXML2

/// The attributes libxml2's SAX interface passes to `startElement`: a NULL-terminated array of name, value
/// pairs, names lower-cased, values UTF-8 with entities decoded (NULL for a bare `<a href>`). Valid only during
/// the callback.
struct HTMLAttributes: HTMLAttributeReading {
    private let pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    init(_ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        self.pairs = pairs
    }

    /// Calls `body` with the value of the named attribute (empty when bare); nil when absent.
    func withValue<Result>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard let pairs else { return nil }
        var index = 0
        while let attributeName = pairs[index] {
            if xmlNameEquals(attributeName, name) {
                guard let value = pairs[index + 1] else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
                return body(UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
            }
            index += 2
        }
        return nil
    }
}

/// Compares a NUL-terminated libxml2 name with an ASCII literal.
func xmlNameEquals(_ name: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
    guard let name else { return false }
    let count = literal.utf8CodeUnitCount
    let expected = literal.utf8Start
    for index in 0..<count where name[index] != expected[index] {
        return false
    }
    return name[count] == 0
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes as a String without leading and trailing ASCII whitespace; nil when nothing is left.
    func trimmedString() -> String? {
        guard let first = firstIndex(where: { !$0.isASCIIWhitespace }),
              let last = lastIndex(where: { !$0.isASCIIWhitespace })
        else { return nil }
        return String(decoding: self[first...last], as: UTF8.self)
    }

    /// Whether a whitespace-separated token list (`rel="nofollow noopener"`) contains `token`, ignoring ASCII case.
    func containsToken(_ token: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: token.utf8Start, count: token.utf8CodeUnitCount)
        return split(whereSeparator: \.isASCIIWhitespace).contains { candidate in
            candidate.count == expected.count
                && zip(candidate, expected).allSatisfy { $0.asciiLowercased == $1 }
        }
    }

    /// Whether the trimmed bytes equal `other`, ignoring ASCII case.
    func equalsTrimmedIgnoringCase(_ other: [UInt8]) -> Bool {
        guard let first = firstIndex(where: { !$0.isASCIIWhitespace }),
              let last = lastIndex(where: { !$0.isASCIIWhitespace })
        else { return other.isEmpty }
        return self[first...last].elementsEqual(other) { $0.asciiLowercased == $1.asciiLowercased }
    }
}
