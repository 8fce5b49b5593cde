import Foundation

/// Sitemap `<lastmod>` values: the W3C profile of ISO 8601 (`2026-12-06`, `2026-12-06T22:43Z`,
/// `2026-12-06T22:43:01.5+01:00` …).
public enum W3CDateTime {
    /// Gregorian, in UTC: made once, since a sitemap may hold 50,000 dates.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// The latest instant `text` can stand for, or nil when it is not a W3C datetime. A value without a time names
    /// a whole day (month, year) in the site's own time zone, and a page changed at any moment of it may be newer
    /// than a fetch made that day: a re-crawl that skips pages by `lastmod` must read it as the end of the period in
    /// the westernmost zone (UTC-12, rounded up to 14 h), never the start.
    public static func latestInstant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }
        func take(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4) else { return nil }
        var components = DateComponents(year: year, month: 1, day: 1)
        var period: Calendar.Component = .year
        if take("-") {
            guard let month = number(2), (1...12).contains(month) else { return nil }
            components.month = month
            period = .month
            if take("-") {
                guard let day = number(2), (1...31).contains(day) else { return nil }
                components.day = day
                period = .day
            }
        }
        guard period == .day, take("T") else {
            guard index == bytes.count, let start = calendar.date(from: components),
                  let end = calendar.date(byAdding: period, value: 1, to: start) else { return nil }
            return end.addingTimeInterval(14 * 3600 - 0.001)
        }
        guard let hour = number(2), hour < 24, take(":"), let minute = number(2), minute < 60 else { return nil }
        components.hour = hour
        components.minute = minute
        var fraction = 0.0
        if take(":") {
            guard let second = number(2), second < 61 else { return nil }
            components.second = second
            if take(".") {
                let start = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
                fraction = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) ?? 0
            }
        }
        var offset = 0
        if take("Z") {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), hours < 24, take(":"), let minutes = number(2), minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil  // a time needs its zone
        }
        guard index == bytes.count, let local = calendar.date(from: components) else { return nil }
        return local.addingTimeInterval(fraction - Double(offset))
    }
}
