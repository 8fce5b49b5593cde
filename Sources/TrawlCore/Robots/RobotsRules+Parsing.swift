extension RobotsRules {
    /// Parses a robots.txt body for the crawler whose product token is `productToken` (e.g. "Trawl").
    ///
    /// `productToken` is matched case-insensitively against user-agent lines, and may be a full User-Agent
    /// such as `Trawl/1.0 (+https://x)`, of which only the leading token counts. The groups naming it are
    /// merged; if none does, the `*` groups are merged; if there is no `*` group either, all is allowed.
    /// Only the first 500 KiB of `body` are read (RFC 9309 §2.5).
    public init(parsing body: [UInt8], productToken: String) {
        var parser = RobotsParser(productToken: RobotsAgent.productToken(of: productToken.utf8))
        for line in RobotsLine.scan(body) {
            parser.consume(line)
        }
        let group = parser.matchedGroup
        self.init(rules: group.rules, crawlDelay: group.crawlDelay, sitemaps: parser.sitemaps)
    }
}
