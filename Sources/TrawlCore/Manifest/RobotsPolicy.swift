/// How a crawl treats robots.txt.
public struct RobotsPolicy: Sendable, Equatable {
    /// A robots.txt `Crawl-delay` above this is clamped, so one host cannot stall a run for hours.
    public static let defaultMaxCrawlDelay: Duration = .seconds(30)

    /// Whether `Disallow` rules and `Crawl-delay` are honoured.
    public var obey: Bool
    /// The per-host delay for hosts whose robots.txt gives no `Crawl-delay`; nil to use the speed settings alone.
    public var defaultDelay: Duration?
    /// `Crawl-delay` is honoured up to this cap.
    public var maxCrawlDelay: Duration

    /// A policy with the given settings.
    public init(obey: Bool = true, defaultDelay: Duration? = nil, maxCrawlDelay: Duration = RobotsPolicy.defaultMaxCrawlDelay) {
        self.obey = obey
        self.defaultDelay = defaultDelay
        self.maxCrawlDelay = maxCrawlDelay
    }
}
