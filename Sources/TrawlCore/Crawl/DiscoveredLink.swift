/// A link found on a page, resolved and sanitised, on its way to the frontier.
public struct DiscoveredLink: Sendable, Equatable {
    public var url: CrawlURL
    /// Why the gate refused it, or nil when it may be queued.
    public var exclusion: Exclusion?

    /// A link with its verdict.
    public init(url: CrawlURL, exclusion: Exclusion?) {
        self.url = url
        self.exclusion = exclusion
    }
}
