/// Totals across every tenant, read when metrics are scraped.
public struct CrawlStatistics: Sendable, Equatable {
    /// Runs by status (every status present, zero when none).
    public var runsByStatus: [RunStatus: Int]
    /// URLs waiting in the frontiers of unfinished runs (in memory or spilled to disk).
    public var frontierURLs: Int

    /// Statistics with every field given.
    public init(runsByStatus: [RunStatus: Int], frontierURLs: Int) {
        self.runsByStatus = runsByStatus
        self.frontierURLs = frontierURLs
    }
}
