/// The byte-size syntax of manifests: a whole number of bytes, or a number with a unit such as "10MiB", "512KiB", "1MB".
public enum ByteSizeText {
    /// Units in bytes; binary (KiB) and decimal (KB) both, since people write both and mean what they write.
    private static let units: [String: Int64] = [
        "b": 1,
        "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000, "tb": 1_000_000_000_000,
        "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
    ]

    /// Parses "1048576", "10MiB", "1.5 GB" (units case-insensitive); fractions of a byte round down; nil when malformed.
    public static func parse(_ text: String) -> Int? {
        var scanner = QuantityScanner(bytes: QuantityScanner.trimmed(text))
        guard let number = scanner.number() else { return nil }
        scanner.skipSpaces()
        let symbol = scanner.letters().lowercased()
        guard scanner.isAtEnd else { return nil }
        guard let unit = symbol.isEmpty ? 1 : units[symbol] else { return nil }
        if symbol.isEmpty || unit == 1, !number.fractionDigits.isEmpty { return nil }
        return number.scaled(by: unit, rounding: .down).map(Int.init)
    }
}
