/// The rules of one robots.txt for one user agent, per RFC 9309.
///
/// Parse once per origin with ``init(parsing:productToken:)``, then ask ``isAllowed(_:)`` for each URL.
public struct RobotsRules: Sendable, Equatable {
    /// Rules that allow everything: what RFC 9309 §2.3.1.3 prescribes when robots.txt is missing (4xx).
    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil, sitemaps: [])

    /// Rules that forbid everything: what RFC 9309 §2.3.1.4 prescribes when robots.txt is unreachable (5xx).
    public static let disallowAll = RobotsRules(
        parsing: Array("User-agent: *\nDisallow: /\n".utf8),
        productToken: "*"
    )

    /// Seconds to wait between requests, from the matched group's Crawl-delay (a non-standard extension).
    public let crawlDelay: Double?

    /// Every Sitemap line of the file, whatever its group, in file order, trimmed but otherwise raw.
    public let sitemaps: [String]

    /// The matched group's rules in the order they are tried (see ``RobotsRule/precedes(_:_:)``), so the
    /// first rule that matches is the most specific one and decides.
    let rules: RobotsRuleTable

    init(rules: [RobotsRule], crawlDelay: Double?, sitemaps: [String]) {
        self.init(table: RobotsRuleTable(rules), crawlDelay: crawlDelay, sitemaps: sitemaps)
    }

    private init(table: RobotsRuleTable, crawlDelay: Double?, sitemaps: [String]) {
        rules = table
        self.crawlDelay = crawlDelay
        self.sitemaps = sitemaps
    }

    /// The same rules without the Sitemap lines, which only seed resolution reads: what a crawl keeps per origin
    /// (a robots.txt can list 512 KiB of them).
    public var withoutSitemaps: RobotsRules {
        RobotsRules(table: rules, crawlDelay: crawlDelay, sitemaps: [])
    }

    /// Approximately what the rules hold in memory, for budgets that span many origins.
    public var footprint: Int {
        MemoryLayout<RobotsRules>.stride + rules.footprint
            + sitemaps.reduce(sitemaps.capacity * MemoryLayout<String>.stride) { $0 + $1.utf8.count }
    }

    /// What the rules say of one path.
    public enum Verdict: Sendable, Equatable {
        case allowed, disallowed
        /// Deciding would take more than `matchBudget` byte comparisons: treated as disallowed, since only a
        /// robots.txt built to stall the crawl asks that much and not fetching is the polite answer to it.
        case tooCostly
    }

    /// Whether the crawler may fetch `pathAndQuery` (e.g. `/a/b?c=d`); `/robots.txt` is always allowed.
    ///
    /// A `#fragment` is ignored and a missing leading `/` is assumed, so `""` means `/`.
    public func isAllowed(_ pathAndQuery: String) -> Bool { verdict(pathAndQuery) == .allowed }

    /// The verdict on `pathAndQuery`, as `isAllowed` reads it, telling a rule's "no" from one too costly to decide.
    public func verdict(_ pathAndQuery: String) -> Verdict {
        guard !rules.isEmpty else { return .allowed }
        let fast = pathAndQuery.utf8.withContiguousStorageIfAvailable { raw -> Verdict? in
            let end = raw.firstIndex(of: UInt8(ascii: "#")) ?? raw.endIndex
            let path = UnsafeBufferPointer(rebasing: raw[..<end])
            guard path.first == UInt8(ascii: "/"), RobotsPath.isNormal(path) else { return nil }
            return decide(path)
        }
        if let verdict = fast ?? nil {
            return verdict
        }
        var bytes = Array(pathAndQuery.utf8)
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            bytes.removeSubrange(hash...)
        }
        if bytes.first != UInt8(ascii: "/") {
            bytes.insert(UInt8(ascii: "/"), at: 0)
        }
        return RobotsPath.normalizedPath(bytes).withUnsafeBufferPointer(decide)
    }

    /// The verdict for a normalised path: the first (most specific) matching rule's, else allowed; `tooCostly` past
    /// `matchBudget` byte comparisons.
    private func decide(_ path: UnsafeBufferPointer<UInt8>) -> Verdict {
        if Self.isRobotsTxt(path) {
            return .allowed
        }
        var budget = Self.matchBudget
        return rules.verdict(path, budget: &budget)
    }

    /// Byte comparisons allowed for one path's verdict: a few milliseconds on the crawl loop. Real robots.txt files
    /// (hundreds of rules, paths of a hundred bytes) spend thousands.
    static let matchBudget = 4_000_000

    /// Whether the path (whatever its query) is `/robots.txt`, which RFC 9309 §2.2.2 always allows.
    private static func isRobotsTxt(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = "/robots.txt".utf8
        guard path.count >= name.count, path.starts(with: name) else { return false }
        return path.count == name.count || path[name.count] == UInt8(ascii: "?")
    }
}
