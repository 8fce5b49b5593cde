/// What one page may cost to parse. Pages come from anyone: libxml2's HTML parser is quadratic on some inputs (end
/// tags that match nothing, scanned against the whole open-element stack), so every parse is metered and stopped
/// when it goes over, keeping what it had parsed so far.
public struct ParseBudget: Sendable, Equatable {
    /// Which limit a parse ran into; the raw value is what logs and errors show.
    public enum Limit: String, Sendable, Equatable, CaseIterable {
        case time, depth, elements, errors, attributes
    }

    /// CPU time of the parsing thread (not wall time, so a busy machine does not fail honest pages).
    public var cpuTime: Duration
    /// Open elements at once. Every unmatched end tag costs a scan of this stack, so depth bounds that cost.
    public var maxDepth: Int
    /// Elements in the page.
    public var maxElements: Int
    /// Parse errors (each unmatched end tag is one); a page with this many is markup soup, not a document.
    public var maxErrors: Int
    /// Attributes in one tag: libxml2 compares each attribute's name with every earlier one's, so a tag's cost is
    /// the square of this. The page is parsed up to the first tag with more.
    public var maxAttributes: Int

    /// The crawl's defaults: roomy for any real page (a 10 MB page parses in well under a second; real pages nest
    /// tens of elements deep and rarely reach 100,000 elements), tight for a page built to stall the parser.
    public init(cpuTime: Duration = .seconds(2), maxDepth: Int = 2_000, maxElements: Int = 1_000_000,
                maxErrors: Int = 100_000, maxAttributes: Int = 500) {
        self.cpuTime = cpuTime
        self.maxDepth = maxDepth
        self.maxElements = maxElements
        self.maxErrors = maxErrors
        self.maxAttributes = maxAttributes
    }

    /// The reason recorded for a page that went over budget, in the crawl log and on the page.
    public static let reason = "parse_budget"
}
