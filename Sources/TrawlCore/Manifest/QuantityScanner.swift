/// Scans the ASCII number-and-unit texts of durations and byte sizes.
struct QuantityScanner {
    /// A decimal number as written: whole part and the digits after the point.
    struct Number {
        var whole: Int64
        var fractionDigits: [UInt8]

        /// The number times `unit`, the fractional part rounded to a whole; nil on overflow.
        func scaled(by unit: Int64, rounding: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> Int64? {
            let (product, overflow) = whole.multipliedReportingOverflow(by: unit)
            if overflow { return nil }
            let fraction = Double("0." + String(decoding: fractionDigits, as: UTF8.self)) ?? 0
            let (sum, sumOverflow) = product.addingReportingOverflow(Int64((fraction * Double(unit)).rounded(rounding)))
            return sumOverflow ? nil : sum
        }
    }

    private let bytes: [UInt8]
    private var index = 0

    /// A scanner over `bytes`, e.g. from `trimmed(_:)`.
    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The UTF-8 of `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: String) -> [UInt8] {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        return Array(Array(text.utf8.drop(while: isBlank)).reversed().drop(while: isBlank).reversed())
    }

    /// True when every byte has been read.
    var isAtEnd: Bool { index == bytes.count }

    /// Reads `digits[.digits]`; nil when there is no digit or the whole part overflows.
    mutating func number() -> Number? {
        var whole: Int64 = 0
        var digitCount = 0
        while let digit = digit() {
            let (shifted, overflow) = whole.multipliedReportingOverflow(by: 10)
            let (sum, sumOverflow) = shifted.addingReportingOverflow(digit)
            if overflow || sumOverflow { return nil }
            whole = sum
            digitCount += 1
        }
        var fraction: [UInt8] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while let digit = digit() { fraction.append(UInt8(digit) + UInt8(ascii: "0")) }
        }
        return digitCount + fraction.count > 0 ? Number(whole: whole, fractionDigits: fraction) : nil
    }

    /// Reads a run of ASCII letters (possibly empty).
    mutating func letters() -> String {
        let start = index
        while index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"), (bytes[index] | 0x20) <= UInt8(ascii: "z") {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Skips spaces.
    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    private mutating func digit() -> Int64? {
        guard index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
        defer { index += 1 }
        return Int64(bytes[index] - UInt8(ascii: "0"))
    }
}
