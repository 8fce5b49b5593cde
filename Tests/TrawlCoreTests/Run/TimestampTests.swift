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
        for text in ["yesterday", "2026-13-45T99:99:99Z", "2026-02-29T00:00:00Z", "2026-01-15T09:30:00",
                     "2026-01-15T09:30:00+0100", "2026-01-15T09:30:00+24:00", "2026-01-15T09:30:00.Z",
                     "2026-01-15T09:30:00Zjunk", "+2026-01-15T09:30:00Z", "2026-1-15T09:30:00Z"] {
            #expect(Timestamp.parse(text) == nil, "\(text)")
        }
    }

    /// Valid RFC 3339 that Foundation's ISO 8601 parser refused (offsets past ±18:00, long fractions) or read in the
    /// Julian calendar (years before 1582).
    @Test(arguments: [
        ("2000-01-22T01:30:39+18:01", 948_439_779.0),
        ("1982-12-03T01:13:00.9958+19:12", 407_656_860.995),
        ("2026-01-15T09:30:00.123456789012Z", 1_768_469_400.123),
        ("2024-02-29T23:59:59-23:59", 1_709_337_539.0),
        ("0538-12-11T23:47:51.1+22:37", -45_159_806_948.9),
    ] as [(String, Double)])
    func parsesEveryValidOffsetFractionAndYear(text: String, seconds: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.0011, "\(date.timeIntervalSince1970)")
    }

    /// Year 0 minus an offset is year -1: formatting it (for a list filter) must not trap.
    @Test func formatsDatesBeyondFourDigitYearsAtTheNearestEnd() throws {
        let early = try #require(Timestamp.parse("0000-01-01T00:00:00+01:00"))
        #expect(Timestamp.format(early) == "0000-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1e15)) == "0000-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: .nan)) == "0000-01-01T00:00:00.000Z")
    }
}
