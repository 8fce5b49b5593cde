/// Parses JSON text (RFC 8259) into a `ConfigValue`, keys in document order.
///
/// `JSONDecoder` spends most of a stored run's decoding in Swift's generic machinery, not in the bytes: reading a
/// page of 100 runs' progress columns was half of `GET /v1/runs?per_page=100`. This reader walks the UTF-8 once and
/// builds the neutral value, which the store then maps field by field. Integers that fit `Int` stay integers;
/// anything with a fraction or exponent is a `Double`, as `ConfigValue`'s Codable form decides too.
public struct JSONReader {
    /// Why text is not JSON, with the byte offset where reading stopped.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Nesting deeper than this is refused rather than risking the stack.
    public static let maximumDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The value `text` holds; whitespace may surround it, nothing else may follow it.
    public static func value(of text: String) throws(Failure) -> ConfigValue {
        var text = text
        let result: Result<ConfigValue, Failure> = text.withUTF8 { buffer in
            var reader = JSONReader(buffer)
            do throws(Failure) {
                let value = try reader.readValue(depth: 0)
                reader.skipWhitespace()
                guard reader.position == buffer.count else { throw reader.failure("unexpected text after the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func failure(_ reason: String) -> Failure { Failure(offset: position, reason: reason) }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func readValue(depth: Int) throws(Failure) -> ConfigValue {
        skipWhitespace()
        guard let byte = current else { throw failure("a value was expected") }
        switch byte {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw failure("a value was expected")
        }
    }

    private mutating func expect(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("\(literal) was expected") }
        for index in 0..<count where bytes[position + index] != literal.utf8Start[index] {
            throw failure("\(literal) was expected")
        }
        position += count
    }

    private mutating func readObject(depth: Int) throws(Failure) -> ConfigValue {
        guard depth <= Self.maximumDepth else { throw failure("nested more than \(Self.maximumDepth) deep") }
        position += 1
        var pairs: [(String, ConfigValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(pairs)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("a key in quotes was expected") }
            let key = try readString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("':' was expected after a key") }
            position += 1
            pairs.append((key, try readValue(depth: depth)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(pairs)
            default: throw failure("',' or '}' was expected")
            }
        }
    }

    private mutating func readArray(depth: Int) throws(Failure) -> ConfigValue {
        guard depth <= Self.maximumDepth else { throw failure("nested more than \(Self.maximumDepth) deep") }
        position += 1
        var elements: [ConfigValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try readValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            default: throw failure("',' or ']' was expected")
            }
        }
    }

    private mutating func readNumber() throws(Failure) -> ConfigValue {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw failure("a digit was expected")
        }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard try skipRequiredDigits() else { throw failure("a digit was expected after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard try skipRequiredDigits() else { throw failure("a digit was expected in the exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let integer = Int(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else { throw failure("the number \(text) is out of range") }
        return .double(double)
    }

    private mutating func skipDigits() {
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
    }

    private mutating func skipRequiredDigits() throws(Failure) -> Bool {
        let start = position
        skipDigits()
        return position > start
    }

    private mutating func readString() throws(Failure) -> String {
        position += 1
        let start = position
        // The common case, no escape: one copy of the bytes.
        while let byte = current, byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte >= 0x20 { position += 1 }
        guard let stop = current else { throw failure("the string does not end") }
        if stop == UInt8(ascii: "\"") {
            let string = text(start..<position)
            position += 1
            return string
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text(start..<position).unicodeScalars)
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                position += 1
                scalars.append(try readEscape())
            case 0..<0x20:
                throw failure("a control character must be escaped in a string")
            default:
                let runStart = position
                while let next = current, next != UInt8(ascii: "\"") && next != UInt8(ascii: "\\") && next >= 0x20 {
                    position += 1
                }
                scalars.append(contentsOf: text(runStart..<position).unicodeScalars)
            }
        }
        throw failure("the string does not end")
    }

    /// The bytes of `range` as a String: they come from a String, so they are valid UTF-8, and a range never cuts
    /// a scalar (it ends before an ASCII quote or backslash).
    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private mutating func readEscape() throws(Failure) -> Unicode.Scalar {
        guard let byte = current else { throw failure("the escape does not end") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try readHexUnit()
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate must be followed by an escaped low one.
                guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("a lone surrogate in \\u escapes")
                }
                position += 2
                let low = try readHexUnit()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("a lone surrogate in \\u escapes") }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(unit) else { throw failure("a lone surrogate in \\u escapes") }
            return scalar
        default:
            throw failure("an unknown escape")
        }
    }

    private mutating func readHexUnit() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("four hex digits were expected") }
        var unit: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("four hex digits were expected")
            }
            unit = unit << 4 | digit
            position += 1
        }
        return unit
    }
}
