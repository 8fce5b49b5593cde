import Synchronization
import TrawlCore

/// The process's budget for response bodies in memory, across every run and every transfer.
///
/// A transfer reserves each chunk before keeping it; when the budget is spent it is paused (libcurl holds the
/// chunk and stops reading the socket) until bodies already fetched are stored and their leases let go. So a
/// hundred transfers of 100 MB bodies wait for memory instead of taking 10 GB of it.
///
/// One transfer may always go on, the one that has been holding bytes longest (or, when none is under way, the
/// next to ask): otherwise transfers that each hold part of the budget, or wait behind bodies not yet stored, could
/// all wait for each other. Past the budget, downloads therefore run one at a time, and a body larger than the
/// whole budget still arrives. The budget is a bound on memory, not a limit on page size (that is the manifest's `max_body_bytes`).
public final class BodyMemoryBudget: Sendable {
    /// The budget of this process, shared by every fetcher.
    public static let shared = BodyMemoryBudget(capacity: 512 << 20)

    private struct State {
        var used = 0
        var peak = 0
        /// Bytes held by downloads still under way (the rest of `used` is leases), and the most ever.
        var downloadingBytes = 0
        var peakDownloading = 0
        /// Bytes held by transfers still downloading, by transfer, with the order they began holding in and when they
        /// last asked for more.
        var downloading: [ObjectIdentifier: (bytes: Int, since: Int, asked: ContinuousClock.Instant)] = [:]
        var nextSince = 0
        /// Downloads paused for want of budget: the only reason to wake the fetchers when bytes come back.
        var waiting: Set<ObjectIdentifier> = []
        var wakers: [@Sendable () -> Void] = []

        /// The fetchers to wake now: none unless some download waits (the usual case, and a hot path).
        var wakersIfAnyoneWaits: [@Sendable () -> Void] { waiting.isEmpty ? [] : wakers }
    }

    /// Bytes the budget allows.
    public let capacity: Int
    private let state = Mutex(State())

    /// A budget of `capacity` bytes.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Bytes held now, downloads and stored-but-unflushed bodies together.
    public var used: Int { state.withLock { $0.used } }
    /// The most bytes ever held at once.
    public var peak: Int { state.withLock { $0.peak } }
    /// The most bytes ever held at once by downloads under way: what the pausing bounds (at about the budget plus
    /// one body), whatever the holders of finished bodies do.
    public var peakDownloading: Int { state.withLock { $0.peakDownloading } }

    /// Calls `wake` whenever bytes are given back while a transfer waits, so paused transfers can try again.
    func onRelease(_ wake: @escaping @Sendable () -> Void) {
        state.withLock { $0.wakers.append(wake) }
    }

    /// Reserves `bytes` for the download `holder`; false when it must wait.
    func reserve(_ bytes: Int, for holder: ObjectIdentifier) -> Bool {
        state.withLock { state in
            let now = ContinuousClock.now
            let held = state.downloading[holder]
            if state.used + bytes > capacity {
                // Over budget: only the longest-holding download that is still receiving goes on; a new one only
                // when none is. A holder that has stopped asking (a server gone quiet) yields its turn, so one
                // stalled transfer cannot freeze every other download until its timeout.
                let since = held?.since ?? .max
                if state.downloading.contains(where: {
                    $0.key != holder && $0.value.since < since && $0.value.bytes > 0
                        && now - $0.value.asked < Self.stallAfter
                }) {
                    state.downloading[holder]?.asked = now  // waiting its turn is not being stalled
                    state.waiting.insert(holder)
                    return false
                }
            }
            state.waiting.remove(holder)
            state.used += bytes
            state.peak = max(state.peak, state.used)
            state.downloadingBytes += bytes
            state.peakDownloading = max(state.peakDownloading, state.downloadingBytes)
            if let held {
                state.downloading[holder] = (held.bytes + bytes, held.since, now)
            } else {
                state.downloading[holder] = (bytes, state.nextSince, now)
                state.nextSince += 1
            }
            return true
        }
    }

    /// A download that has not asked for bytes this long no longer holds the right to go on past the budget.
    static let stallAfter: Duration = .seconds(2)

    /// Ends `holder`'s download: its bytes now belong to the lease returned, released when that goes away. The
    /// download's turn past the budget passes on, so waiting transfers are woken.
    func finishDownload(_ holder: ObjectIdentifier) -> MemoryLease? {
        let (bytes, wakers) = state.withLock { state in
            let bytes = state.downloading.removeValue(forKey: holder)?.bytes ?? 0
            state.downloadingBytes -= bytes
            state.waiting.remove(holder)
            return (bytes, state.wakersIfAnyoneWaits)
        }
        for wake in wakers { wake() }
        guard bytes > 0 else { return nil }
        return MemoryLease { [self] in release(bytes) }
    }

    private func release(_ bytes: Int) {
        let wakers = state.withLock { state in
            state.used -= bytes
            return state.wakersIfAnyoneWaits
        }
        for wake in wakers { wake() }
    }
}
