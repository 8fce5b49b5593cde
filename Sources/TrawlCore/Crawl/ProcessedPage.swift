/// The outcome of processing one response off the crawl loop: the record to store and the links to follow.
public struct ProcessedPage: Sendable {
    public var entry: FrontierEntry
    public var record: PageRecord
    /// Links to consider for the frontier (nofollow ones already left out), in document order.
    public var links: [DiscoveredLink]
    /// Where a redirect points, checked by the gate, when the response was a redirect.
    public var redirect: DiscoveredLink?
    /// How long parsing the HTML and resolving its links took; nil when the body was not parsed (not HTML).
    public var parseDuration: Duration?
    /// The parse budget's limit the page ran into; its links and metadata are what was found before the parse stopped.
    public var parseExceeded: ParseBudget.Limit?
    /// Why some of the page's links were left out (`LinkBudget.reason` or `LinkBudget.timeReason`), nil when none
    /// were; `links` are those found before its budget ran out.
    public var linksCut: String?
}
