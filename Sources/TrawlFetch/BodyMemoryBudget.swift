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
        /// Bytes held by transfers still downloading, by transfer, with the order they began holding in.
        var downloading: [ObjectIdentifier: (bytes: Int, since: Int)] = [:]
        var nextSince = 0
        var wakers: [@Sendable () -> Void] = []
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

    /// Calls `wake` whenever bytes are given back, so paused transfers can try again.
    func onRelease(_ wake: @escaping @Sendable () -> Void) {
        state.withLock { $0.wakers.append(wake) }
    }

    /// Reserves `bytes` for the download `holder`; false when it must wait.
    func reserve(_ bytes: Int, for holder: ObjectIdentifier) -> Bool {
        state.withLock { state in
            let held = state.downloading[holder]
            if state.used + bytes > capacity {
                // Over budget: only the longest-holding download goes on; a new one only when none is under way.
                let since = held?.since ?? .max
                guard !state.downloading.contains(where: { $0.key != holder && $0.value.since < since && $0.value.bytes > 0 })
                else { return false }
            }
            state.used += bytes
            state.peak = max(state.peak, state.used)
            if let held {
                state.downloading[holder] = (held.bytes + bytes, held.since)
            } else {
                state.downloading[holder] = (bytes, state.nextSince)
                state.nextSince += 1
            }
            return true
        }
    }

    /// Ends `holder`'s download: its bytes now belong to the lease returned, released when that goes away.
    func finishDownload(_ holder: ObjectIdentifier) -> MemoryLease? {
        let bytes = state.withLock { $0.downloading.removeValue(forKey: holder)?.bytes ?? 0 }
        guard bytes > 0 else { return nil }
        return MemoryLease { [self] in release(bytes) }
    }

    private func release(_ bytes: Int) {
        let wakers = state.withLock { state in
            state.used -= bytes
            return state.wakers
        }
        for wake in wakers { wake() }
    }
}
