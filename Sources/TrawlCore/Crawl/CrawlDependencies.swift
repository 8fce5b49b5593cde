import Logging

/// The outside world a crawl needs, as protocols the core owns; the runtime supplies the adapters.
public struct CrawlDependencies: Sendable {
    public var fetcher: any Fetcher
    public var htmlParser: any HTMLParsing
    public var sitemapParser: any SitemapParsing
    public var store: any CrawlEngineStore
    /// The same store, when it can share a run between processes (PostgreSQL); nil for SQLite.
    public var sharedStore: (any SharedCrawlStore)?
    public var logger: Logger
    public var metrics: any CrawlMetrics

    /// Dependencies from their parts.
    public init(fetcher: any Fetcher, htmlParser: any HTMLParsing, sitemapParser: any SitemapParsing,
                store: any CrawlEngineStore, logger: Logger, metrics: any CrawlMetrics = NoCrawlMetrics()) {
        self.fetcher = fetcher
        self.htmlParser = htmlParser
        self.sitemapParser = sitemapParser
        self.store = store
        sharedStore = store as? any SharedCrawlStore
        self.logger = logger
        self.metrics = metrics
    }
}
