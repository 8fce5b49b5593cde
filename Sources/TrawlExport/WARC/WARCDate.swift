import Foundation

/// Formats WARC-Date values: UTC, whole seconds (`2026-01-15T09:30:00Z`).
enum WARCDate {
    /// The WARC-Date text for `date`, with any fraction of a second dropped.
    static func string(from date: Date) -> String {
        // WARC 1.1 allows fractions, but older readers reject them; truncate rather than round
        // so a record is never dated after the moment it describes.
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        return whole.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
