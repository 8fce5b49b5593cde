/// Turns the host text of an http(s) URL into Trawl's normalised host string.
///
/// Follows the WHATWG host parser for special schemes: "[…]" is IPv6; anything else is
/// percent-decoded, mapped to ASCII (IDNA), checked for forbidden code points, and parsed as IPv4
/// when its last label is a number.
enum URLHost {
    /// The normalised host; throws `invalidHost` quoting `raw` when it is not a valid host.
    static func parse(_ raw: UnsafeBufferPointer<UInt8>) throws(URLParseError) -> String {
        guard !raw.isEmpty else { throw .missingHost }
        if raw[0] == UInt8(ascii: "[") {
            guard raw.count >= 2, raw[raw.count - 1] == UInt8(ascii: "]"),
                let address = IPv6Address(parsing: UnsafeBufferPointer(rebasing: raw[1..<(raw.count - 1)]))
            else { throw invalid(raw) }
            return "[" + address.serialized + "]"
        }

        var needsDecoding = false
        for byte in raw where byte == UInt8(ascii: "%") || byte >= 0x80 {
            needsDecoding = true
            break
        }
        // The hot path: a plain ASCII host is checked and lower-cased straight from the input.
        let host = needsDecoding ? decodedASCII(raw) : asciiHost(raw)
        guard let host else { throw invalid(raw) }
        return host
    }

    private static func invalid(_ raw: UnsafeBufferPointer<UInt8>) -> URLParseError {
        .invalidHost(String(decoding: raw, as: UTF8.self))
    }

    /// Percent-decodes, converts non-ASCII labels to punycode, then validates as `asciiHost`.
    private static func decodedASCII(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var decoded = [UInt8]()
        decoded.reserveCapacity(raw.count)
        var index = 0
        var isASCII = true
        while index < raw.count {
            var byte = raw[index]
            if byte == UInt8(ascii: "%"), raw.count - index >= 3, let high = URLByte.hexValue(raw[index + 1]),
                let low = URLByte.hexValue(raw[index + 2])
            {
                byte = high << 4 | low
                index += 3
            } else {
                index += 1
            }
            if byte >= 0x80 { isASCII = false }
            decoded.append(byte)
        }
        if !isASCII {
            guard let ascii = IDNA.toASCII(decoded) else { return nil }
            decoded = ascii
        }
        return decoded.withUnsafeBufferPointer(asciiHost)
    }

    /// Validates an ASCII host and returns it lower-cased, with a numeric host in dotted IPv4 form.
    private static func asciiHost(_ host: UnsafeBufferPointer<UInt8>) -> String? {
        guard !host.isEmpty, !host.contains(where: { URLByte.isForbiddenInDomain($0) }),
            IDNA.hasValidACELabels(host)
        else { return nil }
        if IPv4Address.hostEndsInANumber(host) {
            return IPv4Address(parsing: host)?.serialized
        }
        return String(unsafeUninitializedCapacity: host.count) { buffer in
            for (index, byte) in host.enumerated() { buffer[index] = URLByte.lowercased(byte) }
            return host.count
        }
    }
}
