import Foundation

/// Internal knobs of the crawl loop that manifests do not expose; tests shorten the waits.
public struct EngineTuning: Sendable {
    /// How often the loop wakes when nothing happens: the cadence of idle scheduling evaluations.
    public var tick: Duration = .milliseconds(100)
    /// Longest time fetched pages wait before being written.
    public var flushInterval: Duration = .milliseconds(250)
    /// Pages that trigger a write at once.
    public var flushPages = 128
    /// Unwritten bytes past which no new fetch starts (backpressure from the store). Once parsing got cheaper than
    /// writing, the store became what a fast crawl waits on, and 24 MiB here (plus the batch being written) held
    /// ~45 MiB more at peak on the 100k-page benchmark for no gain in speed; 8 MiB keeps batches large enough that
    /// commits stay cheap.
    public var maxUnflushedBytes = 8 << 20
    /// Fetched pages waiting for (or in) their parse past which no new fetch starts (backpressure from the parse
    /// threads): each holds its body. Without it a crawl that fetched faster than two cores parse queued tens of
    /// thousands of bodies (1.4 GB peak RSS on the 100k-page benchmark).
    public var maxParsesWaiting = 64
    /// Links kept from one page.
    public var linkBudget = LinkBudget()
    /// Memory the in-memory frontier may hold (`Frontier.footprint`) before new URLs wait on disk, beside the
    /// manifest's `max_queue_size` count: 100,000 URLs of 8 KiB would otherwise hold 1.6 GB. Real URLs of ~100 bytes
    /// reach the count long before this.
    public var maxQueueBytes = 64 << 20
    /// Stored payloads read back at once for revisits (a 304's links come from the earlier body); past this, revisits
    /// wait their turn, one at a time at least.
    public var maxRevisitBytes = 64 << 20
    /// Tries at writing a run's final state before the run ends with `store_failed` instead.
    public var finalWriteAttempts = 4
    /// Attempts at a robots.txt that answers 5xx or cannot be reached before its origin is given up.
    public var robotsMaxAttempts = 3
    /// First wait before retrying a robots.txt; doubles each time.
    public var robotsRetryDelay: Duration = .seconds(2)
    /// First wait before retrying a page; doubles each time.
    public var retryBaseDelay: Duration = .seconds(1)
    /// Longest `Retry-After` honoured.
    public var maxRetryAfter: Duration = .seconds(120)
    /// Largest robots.txt read (RFC 9309 asks for at least 500 KiB).
    public var robotsMaxBytes = 512 << 10
    /// Redirects followed for robots.txt (RFC 9309: at least five).
    public var robotsMaxRedirects = 5
    /// Memory the robots.txt rules of all origins may hold at once (`Frontier.robotsMemoryBudget`).
    public var robotsMemoryBudget = 64 << 20
    /// Which resolved addresses the crawl may connect to. The CLI allows everything; a server running jobs
    /// submitted over HTTP blocks private networks (SSRF), for pages, robots.txt and sitemaps alike.
    public var addressPolicy: AddressPolicy = .allowAll

    /// Shared runs: how long a part's leases (its own, its origins') outlive its last renewal, and how often it renews.
    public var shareLease: Duration = .seconds(10)
    public var shareBeat: Duration = .milliseconds(500)
    /// Shared runs: the pause before leasing again after a lease found nothing, and before asking again whether the
    /// run is done.
    public var shareIdlePoll: Duration = .milliseconds(200)
    /// Shared runs: waiting URLs claimed per leased origin at a time.
    public var shareURLsPerOrigin = 512

    /// The defaults.
    public init() {}
}
