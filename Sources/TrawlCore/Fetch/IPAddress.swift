/// A numeric IPv4 or IPv6 address, parsed strictly from the canonical text a resolver or libcurl reports.
///
/// Strict on purpose: the text comes from `inet_ntop`, so anything unusual (leading zeros, shorthand IPv4
/// such as `127.1`, hex octets) is rejected rather than guessed at, and a policy treats it as blocked.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 address, most significant octet first.
    case v4(UInt32)
    /// An IPv6 address, most significant group first.
    case v6(UInt128)

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text; IPv6 may be bracketed and carry a `%zone` suffix.
    public init?(_ text: String) {
        if let v4 = Self.parseV4(text[...]) {
            self = .v4(v4)
            return
        }
        var body = text[...]
        if body.hasPrefix("["), body.hasSuffix("]") { body = body.dropFirst().dropLast() }
        // The zone only picks an interface for link-local addresses; it never changes the address class.
        if let percent = body.firstIndex(of: "%") { body = body[..<percent] }
        guard let v6 = Self.parseV6(body) else { return nil }
        self = .v6(v6)
    }

    public var description: String {
        switch self {
        case .v4(let value):
            return (0..<4).map { String((value >> UInt32(24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
        case .v6(let value):
            // Uncompressed lowercase groups: unambiguous, which is all diagnostics need.
            return (0..<8).map { String(UInt16(truncatingIfNeeded: value >> UInt128(112 - 16 * $0)), radix: 16) }
                .joined(separator: ":")
        }
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit),
                  part.count == 1 || part.first != "0",
                  let octet = UInt32(part), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseV6(_ text: Substring) -> UInt128? {
        let head: Substring
        let tail: Substring?
        if let gap = text.firstRange(of: "::") {
            head = text[..<gap.lowerBound]
            tail = text[gap.upperBound...]
            guard tail?.contains("::") == false else { return nil }
        } else {
            head = text
            tail = nil
        }
        // An embedded IPv4 is only legal as the final 32 bits.
        guard let headGroups = groups(head, ipv4Tail: tail == nil) else { return nil }
        var all = headGroups
        if let tail {
            guard let tailGroups = groups(tail, ipv4Tail: true), headGroups.count + tailGroups.count <= 7 else {
                return nil
            }
            all += Array(repeating: 0, count: 8 - headGroups.count - tailGroups.count) + tailGroups
        }
        guard all.count == 8 else { return nil }
        return all.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    /// The 16-bit groups of one side of a `::` (empty text is no groups).
    private static func groups(_ text: Substring, ipv4Tail: Bool) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var result: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if ipv4Tail, index == parts.count - 1, part.contains(".") {
                guard let v4 = parseV4(part) else { return nil }
                result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
            } else {
                guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit),
                      let group = UInt16(part, radix: 16) else { return nil }
                result.append(group)
            }
        }
        return result
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
