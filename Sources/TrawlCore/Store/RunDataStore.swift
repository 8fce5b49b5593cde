/// Reads back what a run saw: its per-step log, the URLs it touched and the link graph between them.
public protocol RunDataStore: Sendable {
    /// Log entries of a run in the order they happened.
    func logEntries(matching query: RunLogQuery) async throws(StoreError) -> [CrawlLogEntry]
    /// The URLs a run touched, in a stable order that concurrent inserts cannot shift: by fingerprint, compared as
    /// a signed 64-bit integer (how SQL databases store it).
    func links(matching query: RunLinkQuery) async throws(StoreError) -> [FrontierRecord]
    /// The run's link graph, page by page in fetch order, strictly after `after`.
    func edges(of runID: RunID, after: EdgePosition?, limit: Int) async throws(StoreError) -> [LinkEdge]
}

/// Filters and keyset position for a run's log.
public struct RunLogQuery: Sendable, Equatable {
    public var runID: RunID
    public var steps: [CrawlLogEntry.Step] = []
    public var statuses: [CrawlLogEntry.Status] = []
    public var hosts: [String] = []
    public var reasons: [String] = []
    /// Only entries with a greater sequence.
    public var after: Int64?
    public var limit: Int = 10

    /// A query over one run's log.
    public init(runID: RunID) { self.runID = runID }
}

/// Filters and keyset position for the URLs a run touched.
public struct RunLinkQuery: Sendable, Equatable {
    public var runID: RunID
    public var states: [FrontierRecord.State] = []
    /// Only URLs whose fingerprint sorts after this one (as signed 64-bit integers).
    public var after: UInt64?
    public var limit: Int = 10

    /// A query over one run's URLs.
    public init(runID: RunID) { self.runID = runID }
}
