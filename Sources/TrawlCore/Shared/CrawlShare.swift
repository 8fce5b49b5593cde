/// One process's part in crawling a run that several processes crawl at once (a shared run, on PostgreSQL).
///
/// Every part leases origins of the run's frontier and crawls only those, so each origin's politeness holds across the
/// cluster; the lead is the part started by the process holding the run's claim, which seeded it and follows it with
/// its document pipeline. A part that stops (or whose process dies) leaves its origins to the others.
public struct CrawlShare: Sendable, Equatable {
    public let id: CrawlShareID
    public let runID: RunID
    /// The process's executor name (`RunClaimKeeper.executor`).
    public let executor: String
    /// The part of the process holding the run's claim: it starts, seeds, pauses and resumes the run.
    public let isLead: Bool

    /// A new part of `runID` for `executor`.
    public init(id: CrawlShareID = CrawlShareID(), runID: RunID, executor: String, isLead: Bool) {
        self.id = id
        self.runID = runID
        self.executor = executor
        self.isLead = isLead
    }
}
