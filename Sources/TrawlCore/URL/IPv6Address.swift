/// An IPv6 address in a URL host (the text between "[" and "]"), parsed per the WHATWG URL standard.
struct IPv6Address: Equatable {
    /// The eight 16-bit pieces.
    let pieces: [UInt16]

    /// Parses the text inside the brackets; nil when it is not a valid address. Accepts "::"
    /// compression and a trailing embedded IPv4 address ("::ffff:192.0.2.1").
    init?(parsing input: UnsafeBufferPointer<UInt8>) {
        var address = [UInt16](repeating: 0, count: 8)
        var pieceIndex = 0
        var compress: Int?
        var pointer = 0
        let end = input.count
        func byte(_ index: Int) -> UInt8? { index < end ? input[index] : nil }

        if byte(0) == UInt8(ascii: ":") {
            guard byte(1) == UInt8(ascii: ":") else { return nil }
            pointer = 2
            pieceIndex = 1
            compress = 1
        }
        while pointer < end {
            guard pieceIndex < 8 else { return nil }
            if input[pointer] == UInt8(ascii: ":") {
                guard compress == nil else { return nil }
                pointer += 1
                pieceIndex += 1
                compress = pieceIndex
                continue
            }
            var value: UInt16 = 0
            var length = 0
            while length < 4, let digit = byte(pointer).flatMap(URLByte.hexValue) {
                value = value << 4 | UInt16(digit)
                pointer += 1
                length += 1
            }
            if byte(pointer) == UInt8(ascii: ".") {
                guard length > 0, pieceIndex <= 6 else { return nil }
                pointer -= length
                guard Self.parseEmbeddedIPv4(input, from: pointer, into: &address, at: &pieceIndex) else {
                    return nil
                }
                pointer = end
                break
            } else if byte(pointer) == UInt8(ascii: ":") {
                pointer += 1
                guard pointer < end else { return nil }
            } else if pointer < end {
                return nil
            }
            address[pieceIndex] = value
            pieceIndex += 1
        }
        if let compress {
            // Shift the pieces after "::" to the end, leaving zeros in the gap.
            var swaps = pieceIndex - compress
            pieceIndex = 7
            while pieceIndex != 0, swaps > 0 {
                address.swapAt(pieceIndex, compress + swaps - 1)
                pieceIndex -= 1
                swaps -= 1
            }
        } else if pieceIndex != 8 {
            return nil
        }
        pieces = address
    }

    /// Reads "a.b.c.d" (decimal, no leading zeros) into two pieces starting at `pieceIndex`.
    private static func parseEmbeddedIPv4(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into address: inout [UInt16], at pieceIndex: inout Int
    ) -> Bool {
        var pointer = start
        var numbersSeen = 0
        while pointer < input.count {
            if numbersSeen > 0 {
                guard input[pointer] == UInt8(ascii: "."), numbersSeen < 4 else { return false }
                pointer += 1
            }
            guard pointer < input.count, URLByte.isDigit(input[pointer]) else { return false }
            var number = UInt16(input[pointer] - UInt8(ascii: "0"))
            pointer += 1
            while pointer < input.count, URLByte.isDigit(input[pointer]) {
                // A leading zero ("01") is not allowed, and each part is one byte.
                guard number != 0 else { return false }
                number = number * 10 + UInt16(input[pointer] - UInt8(ascii: "0"))
                guard number <= 255 else { return false }
                pointer += 1
            }
            address[pieceIndex] = address[pieceIndex] << 8 | number
            numbersSeen += 1
            if numbersSeen == 2 || numbersSeen == 4 { pieceIndex += 1 }
        }
        return numbersSeen == 4
    }

    /// RFC 5952 form: lower-case hex without leading zeros, the longest run of two or more zero
    /// pieces (the first on a tie) written as "::". No brackets.
    var serialized: String {
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard pieces[index] == 0 else {
                index += 1
                continue
            }
            var runEnd = index
            while runEnd < 8, pieces[runEnd] == 0 { runEnd += 1 }
            if runEnd - index > bestLength {
                bestStart = index
                bestLength = runEnd - index
            }
            index = runEnd
        }
        var output = ""
        index = 0
        while index < 8 {
            if index == bestStart {
                output += index == 0 ? "::" : ":"
                index += bestLength
                continue
            }
            output += String(pieces[index], radix: 16)
            if index < 7 { output += ":" }
            index += 1
        }
        return output
    }
}
