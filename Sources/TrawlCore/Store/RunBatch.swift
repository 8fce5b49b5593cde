/// What a run changed since its last write, committed atomically: pages, the frontier rows they discovered or
/// settled, and the run's counters. Because all of it lands in one transaction, a crash never leaves a page
/// without its frontier state or counters that disagree with the rows.
public struct RunBatch: Sendable {
    public var runID: RunID
    public var discovered: [FrontierRecord] = []
    public var settled: [FrontierSettlement] = []
    public var pages: [PageRecord] = []
    /// What each step did to each URL, in order.
    public var log: [CrawlLogEntry] = []
    /// The run row as of this batch (status, progress).
    public var run: Run?
    /// In a shared run, the writing part's counters and the origins it gives back (`run` is then set only when the
    /// part changes the run's status, and the store writes the sum of the parts' counters, not the part's).
    public var share: ShareWrite?

    /// An empty batch for `runID`.
    public init(runID: RunID) { self.runID = runID }

    /// True when rows are to be written (the run row alone does not count).
    public var hasChanges: Bool { !discovered.isEmpty || !settled.isEmpty || !pages.isEmpty || !log.isEmpty }
}
