/// How many links one page may hand the crawl. Links cost memory in proportion to their resolved length, and a
/// reference of a few bytes resolves against the page's URL or `<base href>` (up to `CrawlURL.maximumLength`): a
/// 1 MB page of 50,000 such links held 1.4 GB and wrote 1.2 GB of frontier and log rows. Past either limit the page
/// keeps the links found so far, in document order, and is marked with `reason`. Heritrix stops at 6,000 outlinks.
public struct LinkBudget: Sendable, Equatable {
    /// Distinct links kept from one page (followed or not).
    public var maxLinks: Int
    /// UTF-8 bytes of those links once resolved.
    public var maxBytes: Int
    /// Time resolving and judging one page's links may take. URL filters are tenants' patterns, matched against every
    /// link: even in linear time, 400 patterns of 1,000 bytes cost seconds per long URL when RE2 falls back to its NFA,
    /// and a page of 10,000 such links held a compute thread (and the run's stop) for hours. Real pages and filters
    /// take milliseconds.
    public var maxTime: Duration

    /// Roomy for real pages (large index pages list a few thousand links of under 200 bytes), tight for a page
    /// built to flood the frontier.
    public init(maxLinks: Int = 10_000, maxBytes: Int = 2 << 20, maxTime: Duration = .seconds(2)) {
        self.maxLinks = maxLinks
        self.maxBytes = maxBytes
        self.maxTime = maxTime
    }

    /// The warning a page carries, and the reason its parse entry in the run log gives, when links were left out.
    public static let reason = "link_budget"
    /// The same when `maxTime` ran out.
    public static let timeReason = "filter_budget"
}
