/// An IPv4 address in a URL host, parsed the way browsers do (WHATWG URL standard).
///
/// Browsers accept 1 to 4 dot-separated parts, each decimal, hex ("0x") or octal (leading "0"),
/// where the last part fills all remaining bytes: "0x7f.1" is 127.0.0.1 and "2130706433" too.
struct IPv4Address: Equatable {
    /// The address as one 32-bit number, first octet in the high byte.
    let value: UInt32

    /// Dotted decimal, "127.0.0.1".
    var serialized: String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    /// Whether the standard treats `host` as an IPv4 address: its last label (ignoring a trailing
    /// dot) is all digits or a "0x" hex number. Such a host must then parse as IPv4 or be rejected.
    static func hostEndsInANumber(_ host: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = host.count
        if end > 0, host[end - 1] == UInt8(ascii: ".") {
            guard end > 1 else { return false }
            end -= 1
        }
        var start = end
        while start > 0, host[start - 1] != UInt8(ascii: ".") { start -= 1 }
        guard start < end else { return false }
        let label = UnsafeBufferPointer(rebasing: host[start..<end])
        if label.allSatisfy({ URLByte.isDigit($0) }) { return true }
        return parseNumber(label) != nil
    }

    /// Parses a host that ends in a number; nil when it is not a valid IPv4 address.
    init?(parsing host: UnsafeBufferPointer<UInt8>) {
        var end = host.count
        // A single trailing dot is tolerated ("1.2.3.4." is 1.2.3.4).
        if end > 1, host[end - 1] == UInt8(ascii: ".") { end -= 1 }
        var partCount = 1
        for index in 0..<end where host[index] == UInt8(ascii: ".") { partCount += 1 }
        guard partCount <= 4 else { return nil }

        var address: UInt64 = 0
        var partIndex = 0
        var start = 0
        while start <= end {
            var stop = start
            while stop < end, host[stop] != UInt8(ascii: ".") { stop += 1 }
            guard let number = Self.parseNumber(UnsafeBufferPointer(rebasing: host[start..<stop])) else {
                return nil
            }
            if partIndex < partCount - 1 {
                guard number <= 255 else { return nil }
                address |= number << (8 * UInt64(3 - partIndex))
            } else {
                // The last part covers all the bytes the earlier parts did not.
                guard number < UInt64(1) << (8 * UInt64(5 - partCount)) else { return nil }
                address += number
            }
            partIndex += 1
            start = stop + 1
        }
        value = UInt32(address)
    }

    /// One part: decimal, "0x" hex or "0"-prefixed octal. Values past 2^32 are clamped, since any
    /// such part makes the address invalid anyway. Nil for an empty part or a bad digit.
    static func parseNumber(_ part: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !part.isEmpty else { return nil }
        var digits = part[...]
        var radix: UInt64 = 10
        if part.count >= 2, part[0] == UInt8(ascii: "0"), part[1] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            digits = part[2...]
        } else if part.count >= 2, part[0] == UInt8(ascii: "0") {
            radix = 8
            digits = part[1...]
        }
        let limit = UInt64(1) << 33
        var value: UInt64 = 0
        for byte in digits {
            guard let digit = URLByte.hexValue(byte).map(UInt64.init), digit < radix else { return nil }
            value = min(value * radix + digit, limit)
        }
        return value
    }
}
