import Foundation
import TrawlCore

/// Reads how long a server asked the client to wait: `retry-after-ms` (OpenAI's precise variant), else
/// `Retry-After` as seconds or as an HTTP date.
enum RetryAfter {
    /// The wait the headers ask for, or nil if they ask for none (or say something unreadable).
    static func parse(milliseconds: String?, value: String?, now: Date = Date()) -> Duration? {
        if let milliseconds, let count = Double(milliseconds.trimmingCharacters(in: .whitespaces)), count >= 0, count.isFinite {
            return .seconds(count / 1_000, atMost: longest)
        }
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds.isFinite {
            return .seconds(seconds, atMost: longest)
        }
        guard let date = HTTPDate.parse(value) else { return nil }
        return .seconds(date.timeIntervalSince(now), atMost: longest)
    }

    /// Longer asks are read as this: `Duration` traps past `Int64`, and a server's `1e300` must not end the process.
    /// Any retry policy gives up long before (`RetryPolicy.maximumRetryAfter`).
    static let longest = Duration.seconds(7 * 86_400)
}
