import Foundation

/// RFC 3339 timestamps as the API and the store write them: UTC with milliseconds ("2026-01-15T09:30:00.000Z").
public enum Timestamp {
    /// Formats `date` in UTC with milliseconds.
    public static func format(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var millis = Int(((date.timeIntervalSince1970 - Double(seconds)) * 1000).rounded())
        if millis == 1000 { seconds += 1; millis = 0 }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    /// Parses any RFC 3339 form: fractional seconds optional, `Z` or a numeric offset.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle()) { return date }
        // RFC 3339 also allows a space or lower-case "t" between date and time.
        let normalised = trimmed.replacingOccurrences(of: " ", with: "T").uppercased()
        guard normalised != trimmed else { return nil }
        return parse(normalised)
    }
}
