import Foundation
import Testing
import TrawlCore

struct W3CDateTimeTests {
    /// Milliseconds since 1970 of the latest instant each value stands for.
    @Test(arguments: [
        ("2026-12-06T22:43:01Z", 1_796_596_981_000.0),
        ("2026-12-06T22:43:01.5+01:00", 1_796_593_381_500.0),
        ("2026-12-06T22:43-05:30", 1_796_616_780_000.0),
        // A day, month or year stands for its last instant anywhere on Earth (UTC-12, rounded up to 14 h past
        // UTC's): a page changed late that day is not older than a fetch.
        ("2026-12-06", 1_796_651_999_999.0),
        ("2026-12", 1_798_811_999_999.0),
        ("2026", 1_798_811_999_999.0),
    ])
    func readsEveryPrecision(text: String, milliseconds: Double) {
        #expect(W3CDateTime.latestInstant(text).map { ($0.timeIntervalSince1970 * 1000).rounded() } == milliseconds)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "2026-12-06T22:43", "2026-12-06T25:00Z", "2026-12-06 22:43Z",
                      "2026-12-06T22:43:01Zjunk", "20261206", "2026-1-6"])
    func refusesWhatIsNotADateTime(text: String) {
        #expect(W3CDateTime.latestInstant(text) == nil)
    }
}
