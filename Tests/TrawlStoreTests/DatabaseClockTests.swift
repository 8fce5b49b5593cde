import Foundation
import Testing
@testable import TrawlPostgres

/// How a process's offset from the database's clock follows readings (no database: the readings are made up).
@Suite struct DatabaseClockTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A reading taken at `t0` over `roundTrip` seconds, the database saying local time plus `offset` ms.
    func reading(offset: Int64, roundTrip: TimeInterval = 0.002, at start: Date = t0) -> DatabaseClock.Reading {
        let midpoint = start.addingTimeInterval(roundTrip / 2)
        return DatabaseClock.Reading(before: start, database: Int64((midpoint.timeIntervalSince1970 * 1_000).rounded()) + offset,
                                     after: start.addingTimeInterval(roundTrip))
    }

    @Test func smallDifferencesAreNoiseAndLargeOnesAreFollowed() {
        let clock = DatabaseClock()
        #expect(clock.update(from: [reading(offset: 40)]))
        #expect(clock.offsetMilliseconds == 0)
        #expect(clock.update(from: [reading(offset: 30_000)]))
        #expect(clock.offsetMilliseconds == 30_000)
        #expect(clock.database(Self.t0) == Self.t0.addingTimeInterval(30) && clock.local(Self.t0.addingTimeInterval(30)) == Self.t0)
    }

    @Test func aSlowRoundTripNeverInventsAnOffset() {
        let clock = DatabaseClock()
        // 600 ms each way of uncertainty: a reading of +400 ms may be a true 0.
        #expect(!clock.update(from: [reading(offset: 400, roundTrip: 0.6)]))
        #expect(clock.offsetMilliseconds == 0)
        // Readings slower than a second are dropped; of the rest, the shortest counts.
        #expect(!clock.update(from: [reading(offset: 5_000, roundTrip: 1.5)]))
        #expect(clock.update(from: [reading(offset: 400, roundTrip: 0.9), reading(offset: 2_000, roundTrip: 0.01)]))
        #expect(clock.offsetMilliseconds == 2_000)
    }

    @Test func aSteppedClockIsFollowedBackToZero() {
        let clock = DatabaseClock()
        clock.update(from: [reading(offset: 30_000)])
        // NTP fixed the local clock: the true offset is now near zero, and a reading rules the old one out.
        #expect(clock.update(from: [reading(offset: 200)]))
        #expect(clock.offsetMilliseconds == 0)
        // A reading that agrees with the offset in effect changes nothing.
        clock.update(from: [reading(offset: -9_000)])
        #expect(clock.update(from: [reading(offset: -9_100)]))
        #expect(clock.offsetMilliseconds == -9_000)
    }
}
