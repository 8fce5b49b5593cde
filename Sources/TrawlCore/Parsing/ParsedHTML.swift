/// What one HTML page says about itself and where it links; hrefs are raw (resolved later by the core).
public struct ParsedHTML: Sendable, Equatable {
    /// The first `<title>`, whitespace collapsed and trimmed; nil when absent or blank.
    public var title: String?
    /// Visible text: block elements separated by "\n", runs of whitespace collapsed, no blank lines.
    public var text: String
    /// Outgoing links in document order, duplicates kept.
    public var links: [HTMLLink]
    /// The first `<base href>`, trimmed.
    public var baseHref: String?
    /// The first `<link rel=canonical href>`, trimmed.
    public var canonical: String?
    /// Directives from `<meta name=robots>` and `<meta name=PRODUCT-TOKEN>`, combined.
    public var metaRobots: MetaRobots
    /// The URL from the first `<meta http-equiv=refresh content="N; url=...">` that names one.
    public var refresh: String?
    /// The `lang` attribute of `<html>`, trimmed.
    public var language: String?
    /// The encoding actually used to decode the body, by its WHATWG name (e.g. "UTF-8", "windows-1252").
    public var charset: String
    /// The limit the parse ran into, when it was stopped early; everything above is what it had found by then.
    public var exceeded: ParseBudget.Limit?

    /// Creates a parse result; every field defaults to "nothing found" in UTF-8.
    public init(
        title: String? = nil,
        text: String = "",
        links: [HTMLLink] = [],
        baseHref: String? = nil,
        canonical: String? = nil,
        metaRobots: MetaRobots = MetaRobots(),
        refresh: String? = nil,
        language: String? = nil,
        charset: String = "UTF-8",
        exceeded: ParseBudget.Limit? = nil
    ) {
        self.title = title
        self.text = text
        self.links = links
        self.baseHref = baseHref
        self.canonical = canonical
        self.metaRobots = metaRobots
        self.refresh = refresh
        self.language = language
        self.charset = charset
        self.exceeded = exceeded
    }
}
