/// A persisted frontier read back to resume a run.
public struct FrontierSnapshot: Sendable {
    /// Fingerprints of every URL the run has seen, whatever their state: the seen-set.
    public var fingerprints: [UInt64]
    /// Pending URLs to load into memory, in discovery order.
    public var pending: [FrontierRecord]
    /// Pending URLs left on disk (now marked spilled).
    public var spilledCount: Int
    /// Some URL was found deeper than `max_depth` (so running out of work means `max_depth`).
    public var sawBeyondDepth: Bool

    /// A snapshot with every field given.
    public init(fingerprints: [UInt64], pending: [FrontierRecord], spilledCount: Int, sawBeyondDepth: Bool) {
        self.fingerprints = fingerprints
        self.pending = pending
        self.spilledCount = spilledCount
        self.sawBeyondDepth = sawBeyondDepth
    }
}
