/// Appends a URL's serialisation into a caller-provided buffer sized for the worst case.
///
/// The parser computes an upper bound (every input byte expands to at most three) before writing,
/// so the writer never grows; it only checks bounds in debug builds.
struct URLByteWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes have been written.
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// The bytes written so far.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[0..<count]) }

    @inline(__always) mutating func append(_ byte: UInt8) {
        buffer[count] = byte
        count &+= 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        (buffer.baseAddress! + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ string: String) {
        for byte in string.utf8 { append(byte) }
    }

    /// Appends a decimal number (a port).
    mutating func appendDecimal(_ value: Int) {
        precondition(value >= 0)
        var divisor = 1
        while divisor * 10 <= value { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Appends "%XX" with upper-case hex.
    @inline(__always) mutating func appendPercentEncoded(_ byte: UInt8) {
        append(UInt8(ascii: "%"))
        append(URLByte.upperHexDigit(byte >> 4))
        append(URLByte.upperHexDigit(byte & 0x0F))
    }

    /// Appends `bytes`, normalising percent-encoding: escapes of unreserved characters are decoded,
    /// other escapes get upper-case hex, a "%" that starts no escape becomes "%25", and bytes in
    /// `set` are encoded.
    mutating func appendNormalised(_ bytes: UnsafeBufferPointer<UInt8>, encoding set: PercentEncodeSet) {
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                if end - index >= 3, let high = URLByte.hexValue(bytes[index + 1]),
                    let low = URLByte.hexValue(bytes[index + 2])
                {
                    let decoded = high << 4 | low
                    if URLByte.isUnreserved(decoded) {
                        append(decoded)
                    } else {
                        append(UInt8(ascii: "%"))
                        append(URLByte.upperHexDigit(high))
                        append(URLByte.upperHexDigit(low))
                    }
                    index += 3
                } else {
                    appendPercentEncoded(byte)
                    index += 1
                }
            } else {
                if set.contains(byte) { appendPercentEncoded(byte) } else { append(byte) }
                index += 1
            }
        }
    }

    /// Drops everything from the last "/" at or after `floor`, removing one path segment.
    mutating func removeLastPathSegment(floor: Int) {
        var index = count
        while index > floor {
            index -= 1
            if buffer[index] == UInt8(ascii: "/") {
                count = index
                return
            }
        }
    }

    /// A String holding the written bytes in `range` (all ASCII).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }
}
