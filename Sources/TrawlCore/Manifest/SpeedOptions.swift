/// How fast a crawl goes, overall and per host.
public struct SpeedOptions: Sendable, Equatable {
    /// Transfers in flight at once across all hosts.
    public var concurrency: Int
    /// Transfers in flight at once to one host.
    public var perHostConcurrency: Int
    /// The minimum delay between requests to one host.
    public var delay: Duration
    /// Adaptive politeness (Heritrix-style): the delay after a fetch is this factor × the fetch's duration,
    /// clamped between `delay` and `maxDelay`; 0 turns it off.
    public var delayFactor: Double
    /// The largest `delayFactor` a manifest may give (Heritrix's default is 5): past it the delay is `maxDelay` anyway.
    public static let maximumDelayFactor = 1_000.0
    /// The ceiling of the adaptive delay.
    public var maxDelay: Duration

    /// Options with the given settings.
    public init(
        concurrency: Int = 64, perHostConcurrency: Int = 2, delay: Duration = .seconds(1),
        delayFactor: Double = 2.0, maxDelay: Duration = .seconds(30)
    ) {
        self.concurrency = concurrency
        self.perHostConcurrency = perHostConcurrency
        self.delay = delay
        self.delayFactor = delayFactor
        self.maxDelay = maxDelay
    }
}
