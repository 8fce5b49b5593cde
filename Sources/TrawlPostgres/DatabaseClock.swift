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
    let local: @Sendable () -> Date
    /// Milliseconds to add to a local time to get the database's.
    private let offset = Mutex<Int64>(0)
    /// Differences below this are not corrected.
    static let tolerance: Int64 = 250
    /// A measurement whose round trip took longer than this says too little about the offset, and is dropped.
    static let maximumRoundTrip: TimeInterval = 1

    init(local: @escaping @Sendable () -> Date = Date.init) { self.local = local }

    /// The offset in effect, in milliseconds.
    var offsetMilliseconds: Int64 { offset.withLock { $0 } }

    /// A lease time of this process as the database's clock tells it.
    func database(_ date: Date) -> Date { shifted(date, by: offsetMilliseconds) }

    /// A lease time read from the database as this process's clock tells it.
    func local(_ date: Date) -> Date { shifted(date, by: -offsetMilliseconds) }

    /// Takes one reading: `read` answers the database's time in milliseconds since 1970, and the local clock is read
    /// on both sides of it. The true offset lies within half the round trip of the reading's, so the offset changes
    /// only when the reading is unambiguous: to zero when even its far end is within `tolerance`, to the reading when
    /// even its near end is beyond. A busy machine's slow round trip thus never invents an offset. False when the
    /// reading was dropped or said nothing for sure.
    @discardableResult
    func measure(_ read: () async throws -> Int64) async rethrows -> Bool {
        let before = local()
        let database = try await read()
        let after = local()
        let roundTrip = after.timeIntervalSince(before)
        guard roundTrip >= 0, roundTrip <= Self.maximumRoundTrip else { return false }
        let midpoint = before.addingTimeInterval(roundTrip / 2)
        let measured = database - Int64((midpoint.timeIntervalSince1970 * 1_000).rounded())
        let uncertainty = Int64((roundTrip * 500).rounded(.up))
        if abs(measured) + uncertainty < Self.tolerance {
            offset.withLock { $0 = 0 }
        } else if abs(measured) - uncertainty > Self.tolerance {
            offset.withLock { $0 = measured }
        } else {
            return false
        }
        return true
    }

    private func shifted(_ date: Date, by milliseconds: Int64) -> Date {
        milliseconds == 0 ? date : date.addingTimeInterval(Double(milliseconds) / 1_000)
    }
}
