/// The duration syntax of manifests — "500ms", "30s", "10m", "6h", "1d", "1h30m", or bare seconds — at millisecond precision.
public enum DurationText {
    /// Units from largest to smallest with their length in milliseconds; a text must use them in this order.
    private static let units: [(symbol: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// Parses "1h30m", "500ms", "1.5h", "30" (seconds) and the like; nil when the text is not such a duration.
    ///
    /// Signs are not part of the syntax: durations in a manifest are never negative.
    public static func parse(_ text: String) -> Duration? {
        let bytes = QuantityScanner.trimmed(text)
        guard !bytes.isEmpty else { return nil }
        var scanner = QuantityScanner(bytes: bytes)
        var total: Int64 = 0
        var nextUnit = 0
        while !scanner.isAtEnd {
            guard let number = scanner.number() else { return nil }
            let symbol = scanner.letters()
            let milliseconds: Int64
            if symbol.isEmpty {
                // A bare number means seconds only as the whole text: "1h30" is a typo, not 1h30s.
                guard nextUnit == 0, scanner.isAtEnd else { return nil }
                milliseconds = 1_000
            } else {
                guard let unit = units.firstIndex(where: { $0.symbol == symbol }), unit >= nextUnit else { return nil }
                nextUnit = unit + 1
                milliseconds = units[unit].milliseconds
            }
            guard let part = number.scaled(by: milliseconds) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(part)
            if overflow { return nil }
            total = sum
        }
        return .milliseconds(total)
    }

    /// `seconds` rounded to milliseconds; nil when not finite or out of range.
    public static func duration(seconds: Double) -> Duration? {
        let milliseconds = (seconds * 1_000).rounded()
        guard milliseconds.isFinite, abs(milliseconds) < 9.2e18 else { return nil }
        return .milliseconds(Int64(milliseconds))
    }

    /// The canonical text, largest units first: "30m", "1h30m", "1s500ms", "0s"; rounded to milliseconds.
    public static func format(_ duration: Duration) -> String {
        let total = milliseconds(of: duration)
        if total == 0 { return "0s" }
        var remaining = total.magnitude
        var text = total < 0 ? "-" : ""
        for unit in units where remaining >= UInt64(unit.milliseconds) {
            text += "\(remaining / UInt64(unit.milliseconds))\(unit.symbol)"
            remaining %= UInt64(unit.milliseconds)
        }
        return text
    }

    /// `duration` in whole milliseconds, rounded half away from zero and clamped to `Int64`.
    static func milliseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let perMillisecond: Int64 = 1_000_000_000_000_000
        // Both components carry the duration's sign, so rounding each half away from zero is consistent.
        let fraction = (attoseconds + (attoseconds < 0 ? -perMillisecond : perMillisecond) / 2) / perMillisecond
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        let (sum, sumOverflow) = whole.addingReportingOverflow(fraction)
        if overflow || sumOverflow { return seconds < 0 ? .min : .max }
        return sum
    }
}
