import Foundation

/// UTC dates for cron tests, converted with the C library's `timegm`/`gmtime_r` so that the expectations do not
/// share code with the calendar arithmetic under test.
enum CronTestClock {
    /// Parses "2026-01-15T09:30:00Z", optionally with a fraction of a second ("…:00.5Z").
    static func date(_ text: String) -> Date {
        var parts = tm()
        var fraction = 0.0
        let scanned = text.dropLast().split(separator: ".")
        let fields = scanned[0].split(whereSeparator: { "-T:".contains($0) }).map { Int32($0)! }
        if scanned.count == 2 { fraction = Double("0." + scanned[1])! }
        parts.tm_year = fields[0] - 1900
        parts.tm_mon = fields[1] - 1
        parts.tm_mday = fields[2]
        parts.tm_hour = fields[3]
        parts.tm_min = fields[4]
        parts.tm_sec = fields[5]
        return Date(timeIntervalSince1970: Double(timegm(&parts)) + fraction)
    }

    /// Formats a whole-second date as "2026-01-15T09:30:00Z"; nil stays nil so expectations can compare optionals.
    static func text(_ date: Date?) -> String? {
        guard let date else { return nil }
        let parts = components(Int(date.timeIntervalSince1970.rounded(.down)))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year, parts.month, parts.day, parts.hour,
                      parts.minute, parts.second)
    }

    /// The UTC civil fields of a Unix time; weekday 0 = Sunday.
    static func components(_ seconds: Int) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int
    ) {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour),
                Int(parts.tm_min), Int(parts.tm_sec), Int(parts.tm_wday))
    }

    /// Whether the Unix time falls on the last day of its month: the next day is the first of a month.
    static func isLastDayOfMonth(_ seconds: Int) -> Bool {
        components(seconds + 86_400).day == 1
    }
}
