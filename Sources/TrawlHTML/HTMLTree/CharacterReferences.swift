import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Decodes character references (`&amp;`, `&#233;`, `&#xE9;`) in text and attribute values the way libxml2's HTML
/// parser does, so that the crawl's tag scanner and the libxml2 parsers read a page alike: a named reference counts
/// only when libxml2's table knows it and a `;` ends it (anything else stays as written), a numeric one with or
/// without its `;`. A numeric one that names no character becomes U+FFFD, as in browsers, where libxml2 would cut
/// the text short at it: the one place the two readings part (`HTMLTagScannerTests`).
enum CharacterReferences {
    /// Appends `bytes` to `output` with every reference decoded.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var index = 0
        let count = bytes.count
        while index < count {
            guard let ampersand = bytes[index...].firstIndex(of: UInt8(ascii: "&")) else {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index...]))
                return
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<ampersand]))
            index = decodeReference(bytes, at: ampersand, into: &output)
        }
    }

    /// Decodes the reference starting at the `&` at `start` (or copies what is not one) and returns where to go on.
    private static func decodeReference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int,
                                        into output: inout [UInt8]) -> Int {
        let count = bytes.count
        var index = start + 1
        if index < count, bytes[index] == UInt8(ascii: "#") {
            index += 1
            let hex = index < count && (bytes[index] | 0x20) == UInt8(ascii: "x")
            if hex { index += 1 }
            let digits = index
            var value: UInt32 = 0
            while index < count, let digit = digit(bytes[index], hex: hex) {
                // Clamped: past the last code point it names nothing anyway.
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
                index += 1
            }
            guard index > digits else {
                // `&#;`, `&#x`: not a reference, so kept as written (libxml2 would cut the value here).
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                return index
            }
            if index < count, bytes[index] == UInt8(ascii: ";") { index += 1 }
            // A number that names no character stands for U+FFFD, as in browsers (libxml2 cuts the value short).
            let scalar = isCharacter(value) ? Unicode.Scalar(value) : nil
            appendUTF8(scalar ?? "\u{FFFD}", to: &output)
            return index
        }
        // A name: a letter, `_` or `:` first, then those, digits, `.` and `-` (libxml2's htmlParseName, ASCII part).
        guard index < count, isNameStart(bytes[index]) else {
            output.append(UInt8(ascii: "&"))
            return index
        }
        let nameStart = index
        while index < count, isNameByte(bytes[index]) { index += 1 }
        let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<index])
        if index < count, bytes[index] == UInt8(ascii: ";"), let value = lookUp(name),
           let scalar = Unicode.Scalar(value) {
            appendUTF8(scalar, to: &output)
            return index + 1
        }
        output.append(UInt8(ascii: "&"))
        output.append(contentsOf: name)
        return index
    }

    /// The code point of a named reference in libxml2's table (HTML 4's 253 names).
    private static func lookUp(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        // The longest name in the table has 8 letters; a longer one is not in it.
        guard name.count <= 8 else { return nil }
        return table[pack(name)]
    }

    /// libxml2's table, by packed name. Built once, because `htmlEntityLookup` compares a name with each of the 253
    /// entries in turn: ~500 ns for a name it lacks, so a page of `&a;` repeated could hold a parse for seconds
    /// between two looks at its budget's clock. libxml2 exports the table only through its lookups, so every code
    /// point it could name is asked for (a test checks that all 253 names are found).
    static let table: [UInt64: UInt32] = {
        LibXML.initialize()
        var table: [UInt64: UInt32] = [:]
        for value in UInt32(1)...0xFFFF {
            guard let entry = htmlEntityValueLookup(value), let name = entry.pointee.name else { continue }
            let length = strlen(name)
            guard length <= 8 else { continue }
            name.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                table[pack(UnsafeBufferPointer(start: bytes, count: length))] = value
            }
        }
        return table
    }()

    /// A name of at most eight bytes as an integer, case kept (entity names are case-sensitive).
    private static func pack(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var packed: UInt64 = 0
        for (offset, byte) in name.enumerated() { packed |= UInt64(byte) << (8 * UInt64(offset)) }
        return packed
    }

    private static func digit(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// XML's Char production, which libxml2 applies to numeric references.
    private static func isCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        UTF8.encode(scalar) { output.append($0) }
    }
}
