/// A URL waiting in the frontier, with what the crawl knows of how it got there.
public struct FrontierEntry: Sendable, Equatable {
    public var url: CrawlURL
    /// Link distance from the seeds (a redirect keeps its source's depth).
    public var depth: Int
    public var parentURL: String?
    /// Redirect hops that led here.
    public var redirectHops: Int
    /// Fetch attempts already made (retries).
    public var attempts: Int

    /// An entry with every field given.
    public init(url: CrawlURL, depth: Int, parentURL: String?, redirectHops: Int = 0, attempts: Int = 0) {
        self.url = url
        self.depth = depth
        self.parentURL = parentURL
        self.redirectHops = redirectHops
        self.attempts = attempts
    }

    /// About what the entry holds in memory: its URL twice (the whole string and the path are separate strings), its
    /// parent's URL and its fields. A parent's URL is shared by the entries of one page's links, but each entry read
    /// back from disk has its own copy, so it is counted every time: the bound errs on the safe side.
    public var footprint: Int {
        2 * url.string.utf8.count + (parentURL?.utf8.count ?? 0) + MemoryLayout<FrontierEntry>.stride
    }

    /// The most `footprint` can be: URLs are at most `CrawlURL.maximumLength` bytes.
    public static let maximumFootprint = 3 * CrawlURL.maximumLength + MemoryLayout<FrontierEntry>.stride
}
