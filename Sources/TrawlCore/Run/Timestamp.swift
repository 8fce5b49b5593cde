import Foundation

/// RFC 3339 timestamps as the API and the store write them: UTC with milliseconds ("2026-01-15T09:30:00.000Z").
public enum Timestamp {
    /// Now, to the millisecond: the precision the store keeps, so a value round-trips unchanged.
    public static func now() -> Date {
        fromMilliseconds(Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// `date` as a list filter's bound on stored times, which keep the millisecond: on a millisecond (give or take the
    /// binary fraction a parsed timestamp carries) it stays there; between two it moves by `rule` (outward: `.up` for
    /// "before", `.down` for "after"), so no row inside the bounds is lost to rounding. Every store's filter uses it.
    public static func bound(_ date: Date, _ rule: FloatingPointRoundingRule) -> Date {
        let milliseconds = date.timeIntervalSince1970 * 1_000
        let nearest = milliseconds.rounded()
        let snapped = abs(milliseconds - nearest) < 1e-3 ? nearest : milliseconds.rounded(rule)
        return Date(timeIntervalSince1970: snapped / 1_000)
    }

    /// The span `format` can write with a four-digit year; dates outside it (a filter of `0000-01-01T00:00:00+01:00`
    /// lands in year -1) are written as its nearest end, which orders the same against every stored timestamp.
    public static let representable = Date(timeIntervalSince1970: -62_167_219_200)...Date(timeIntervalSince1970: 253_402_300_799.999)

    /// `date` within `representable`: its nearest end when outside (the start for NaN).
    public static func clamped(_ date: Date) -> Date {
        date.timeIntervalSince1970.isNaN ? representable.lowerBound
            : min(max(date, representable.lowerBound), representable.upperBound)
    }

    /// Formats `date` in UTC with milliseconds. Hand-assembled: it runs for every timestamp of every listed run.
    public static func format(_ date: Date) -> String {
        let date = clamped(date)
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var millis = Int(((date.timeIntervalSince1970 - Double(seconds)) * 1000).rounded())
        if millis == 1000 { seconds += 1; millis = 0 }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var value = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                value %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4); bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2); bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2); bytes.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2); bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2); bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2); bytes.append(UInt8(ascii: "."))
        digits(millis, 3); bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The one conversion from whole milliseconds, shared by `now` and the canonical parser so values round-trip
    /// to the same `Date` bit for bit.
    static func fromMilliseconds(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Parses our own canonical form ("2026-01-15T09:30:00.123Z") without a formatter.
    static func parseCanonical(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
              bytes[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        // timegm normalises impossible dates (Feb 31 → Mar 3): reject those instead.
        guard parts.tm_mday == Int32(day), parts.tm_mon == Int32(month - 1) else { return nil }
        return fromMilliseconds(Int64(seconds) * 1000 + Int64(millis))
    }

    /// Parses any RFC 3339 `date-time`: `T`, `t` or a space between date and time, fractional seconds of any length
    /// (kept to the millisecond), `Z`, `z` or any offset from -23:59 to +23:59, in the proleptic Gregorian calendar.
    ///
    /// By hand rather than with `ISO8601FormatStyle`, which refuses valid offsets beyond ±18:00 and fractions longer
    /// than nine digits, and reads years before 1582 in the Julian calendar.
    public static func parse(_ text: String) -> Date? {
        if let date = parseCanonical(text) { return date }
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + width)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
              let second = number(2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second <= 60
        else { return nil }
        var millis = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                if index - start < 3 { millis = millis * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            guard index > start else { return nil }
            for _ in min(index - start, 3)..<3 { millis *= 10 }
        }
        var offsetMinutes = 0
        if expect("Zz") {
            offsetMinutes = 0
        } else {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else {
                return nil
            }
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), expect(":"), let minutes = number(2), hours < 24, minutes < 60 else { return nil }
            offsetMinutes = sign * (hours * 60 + minutes)
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return fromMilliseconds(seconds * 1000 + Int64(millis))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
