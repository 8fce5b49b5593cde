import Foundation

/// Reads how long a server asked the client to wait: `retry-after-ms` (OpenAI's precise variant), else
/// `Retry-After` as seconds or as an HTTP date.
enum RetryAfter {
    /// The wait the headers ask for, or nil if they ask for none (or say something unreadable).
    static func parse(milliseconds: String?, value: String?, now: Date = Date()) -> Duration? {
        if let milliseconds, let count = Double(milliseconds.trimmingCharacters(in: .whitespaces)), count >= 0, count.isFinite {
            return .milliseconds(count)
        }
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds.isFinite {
            return .milliseconds(max(0, seconds) * 1_000)
        }
        guard let date = httpDate(value) else { return nil }
        return .milliseconds(max(0, date.timeIntervalSince(now)) * 1_000)
    }

    /// An IMF-fixdate such as "Sun, 06 Nov 1994 08:49:37 GMT" (the form RFC 9110 requires senders to use).
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
