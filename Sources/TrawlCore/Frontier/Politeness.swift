/// How long to wait between requests to one origin, Heritrix-style: the delay after a fetch is
/// `factor × how long that fetch took`, clamped to `[minimum, maximum]`, and never below robots.txt's
/// `Crawl-delay` (itself capped) — slow servers get fewer requests, fast ones are not held back needlessly.
public struct Politeness: Sendable, Equatable {
    public var minimum: Duration
    public var maximum: Duration
    public var factor: Double
    /// Requests one origin may have in flight at once.
    public var perHostConcurrency: Int
    /// The cap on robots.txt `Crawl-delay`.
    public var maxCrawlDelay: Duration
    /// Used when robots.txt gives no `Crawl-delay`.
    public var defaultCrawlDelay: Duration?

    /// A policy with every field given.
    public init(minimum: Duration, maximum: Duration, factor: Double, perHostConcurrency: Int,
                maxCrawlDelay: Duration = .seconds(30), defaultCrawlDelay: Duration? = nil) {
        self.minimum = minimum
        self.maximum = max(maximum, minimum)
        self.factor = factor
        self.perHostConcurrency = max(1, perHostConcurrency)
        self.maxCrawlDelay = maxCrawlDelay
        self.defaultCrawlDelay = defaultCrawlDelay
    }

    /// The floor for an origin whose robots.txt says `crawlDelay` seconds (or nothing).
    public func floor(crawlDelay: Double?) -> Duration {
        let robots = crawlDelay.map { Duration.seconds($0, atMost: maxCrawlDelay) } ?? defaultCrawlDelay ?? .zero
        return max(minimum, min(robots, maxCrawlDelay))
    }

    /// The delay to keep after a fetch that took `fetchTime`, given the origin's floor.
    public func delay(after fetchTime: Duration, floor: Duration) -> Duration {
        // In seconds and clamped while a `Double`: `Duration * Double` traps past its range, which a large factor reaches.
        let adaptive = Duration.seconds(fetchTime.seconds * factor, atMost: max(maximum, floor))
        return max(floor, adaptive)
    }
}
