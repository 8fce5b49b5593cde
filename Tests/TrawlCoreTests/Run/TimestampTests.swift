import Foundation
import Testing
@testable import TrawlCore

@Suite struct TimestampTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_768_469_400.123)) == "2026-01-15T09:30:00.123Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test(arguments: ["2026-01-15T09:30:00.123Z", "2026-01-15T09:30:00Z", "2026-01-15T10:30:00+01:00",
                      "2026-01-15 09:30:00Z", "2026-01-15t09:30:00z"])
    func parsesRFC3339Forms(text: String) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - 1_768_469_400) < 1)
    }

    @Test func rejectsGarbage() {
        #expect(Timestamp.parse("yesterday") == nil)
        #expect(Timestamp.parse("2026-13-45T99:99:99Z") == nil)
    }
}
