/// Where the crawl loop counts what it does, for monitoring (the server exports these as Prometheus counters).
/// Calls come from the loop's hot path, so implementations must be cheap and never block.
public protocol CrawlMetrics: Sendable {
    /// A response arrived and was recorded as a page.
    func pageFetched(status: Int)
    /// A URL failed for good (retries exhausted or not retryable).
    func fetchFailed(_ kind: FetchFailure.Kind)
    /// A page's parse was stopped by its budget.
    func parseBudgetExceeded(_ limit: ParseBudget.Limit)
}

/// Counts nothing: for the CLI and tests, where no one scrapes.
public struct NoCrawlMetrics: CrawlMetrics {
    public init() {}
    public func pageFetched(status: Int) {}
    public func fetchFailed(_ kind: FetchFailure.Kind) {}
    public func parseBudgetExceeded(_ limit: ParseBudget.Limit) {}
}
