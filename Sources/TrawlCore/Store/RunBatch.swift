/// What a run changed since its last write, committed atomically: pages, the frontier rows they discovered or
/// settled, and the run's counters. Because all of it lands in one transaction, a crash never leaves a page
/// without its frontier state or counters that disagree with the rows.
public struct RunBatch: Sendable {
    public var runID: RunID
    public var discovered: [FrontierRecord] = []
    public var settled: [FrontierSettlement] = []
    public var pages: [PageRecord] = []
    /// The run row as of this batch (status, progress).
    public var run: Run?

    /// An empty batch for `runID`.
    public init(runID: RunID) { self.runID = runID }

    /// True when there is nothing to write but possibly the run row.
    public var isEmpty: Bool { discovered.isEmpty && settled.isEmpty && pages.isEmpty && run == nil }

    /// Rough bytes held, for backpressure.
    public var approximateBytes: Int {
        pages.reduce(0) { $0 + $1.body.count + $1.responseHead.count + 256 }
            + discovered.count * 128 + settled.count * 32
    }
}
