import Foundation
import Synchronization

/// The database server's clock as this process sees it. Leases (run claims, worker heartbeats, shared-run parts and
/// origins, shared extraction and embedding claims) are written and compared in it, so that processes on machines
/// whose clocks disagree still agree on when a lease ran out: a worker whose clock ran 30 s behind wrote claims that
/// every other process took as expired 20 s before they were, and two processes crawled one run.
///
/// Callers keep passing their own `Date()`: the store moves each lease time by the measured offset on the way in and
/// back on the way out, so nothing above the adapter changes and a test may still pass a time of its choosing.
/// Offsets within `tolerance` are taken as zero, as they are noise against a lease of seconds (and a round trip
/// through the store then stays exact); the offset is measured when the store opens and again every minute.
final class DatabaseClock: Sendable {
    /// This process's clock (a test gives a wrong one).
    let localNow: @Sendable () -> Date
    /// Milliseconds to add to a local time to get the database's.
    private let offset = Mutex<Int64>(0)
    /// Differences below this are not corrected.
    static let tolerance: Int64 = 250
    /// A measurement whose round trip took longer than this says too little about the offset, and is dropped.
    static let maximumRoundTrip: TimeInterval = 1

    init(localNow: @escaping @Sendable () -> Date = Date.init) { self.localNow = localNow }

    /// The offset in effect, in milliseconds.
    var offsetMilliseconds: Int64 { offset.withLock { $0 } }

    /// A lease time of this process as the database's clock tells it.
    func database(_ date: Date) -> Date { shifted(date, by: offsetMilliseconds) }

    /// A lease time read from the database as this process's clock tells it.
    func local(_ date: Date) -> Date { shifted(date, by: -offsetMilliseconds) }

    /// One reading of the database's clock: milliseconds since 1970 as the server said, and this process's clock
    /// read just before the query was sent and just after its answer came.
    struct Reading {
        var before: Date
        var database: Int64
        var after: Date

        var roundTrip: TimeInterval { after.timeIntervalSince(before) }
    }

    /// Takes the reading with the shortest round trip of `readings` (the least uncertain). The true offset lies
    /// within half that round trip of the reading's, so the offset in effect changes only when the reading rules it
    /// out, and then to zero if the reading is within `tolerance`, else to the reading. A busy machine's slow round
    /// trip thus never invents an offset, and a clock that was stepped (NTP) is followed as soon as a reading shows
    /// it. False when no reading was usable or none ruled the offset in effect out or in.
    @discardableResult
    func update(from readings: [Reading]) -> Bool {
        guard let reading = readings.filter({ $0.roundTrip >= 0 && $0.roundTrip <= Self.maximumRoundTrip })
            .min(by: { $0.roundTrip < $1.roundTrip }) else { return false }
        let midpoint = reading.before.addingTimeInterval(reading.roundTrip / 2)
        let measured = reading.database - Int64((midpoint.timeIntervalSince1970 * 1_000).rounded())
        let uncertainty = Int64((reading.roundTrip * 500).rounded(.up))
        return offset.withLock { current in
            let disagreement = abs(measured - current)
            if disagreement + uncertainty <= Self.tolerance { return true }
            guard disagreement - uncertainty > Self.tolerance else { return false }
            current = abs(measured) <= Self.tolerance ? 0 : measured
            return true
        }
    }

    private func shifted(_ date: Date, by milliseconds: Int64) -> Date {
        milliseconds == 0 ? date : date.addingTimeInterval(Double(milliseconds) / 1_000)
    }
}
