/// Walks the lines of a robots.txt, tracks where groups begin and end, and keeps only what concerns one
/// product token: the groups naming it, the `*` groups, and the sitemaps.
///
/// Group boundaries follow RFC 9309 §2.1: consecutive user-agent lines open a group and the lines after them
/// belong to it until a user-agent line follows an Allow, Disallow or Crawl-delay line. Sitemap and unknown
/// lines belong to no group and end nothing; rule lines before the first user-agent line are ignored.
struct RobotsParser: Sendable {
    /// What the groups for one kind of agent add up to, merged as RFC 9309 §2.2.1 requires.
    struct Group: Sendable, Equatable {
        /// Whether any user-agent line named this agent, even if its group had no rules.
        var isNamed = false
        /// The rules, sorted and deduplicated by ``RobotsParser/matchedGroup``.
        var rules: [RobotsRule] = []
        /// The largest valid Crawl-delay, since honouring the slower request of two is always safe.
        var crawlDelay: Double?
    }

    /// The lower-cased product token we answer to; empty matches no group by name.
    private let productToken: String
    /// The groups that name our product token.
    private var named = Group()
    /// The groups for `*`.
    private var wildcard = Group()
    /// Every sitemap line's value, in order.
    private(set) var sitemaps: [String] = []

    /// Whether a user-agent line has been seen, so that rule lines now belong to a group.
    private var isInGroup = false
    /// Whether the last group line was a user-agent line, so a further one joins the same group.
    private var isReadingAgents = false
    /// Whether the current group names our product token.
    private var currentIsNamed = false
    /// Whether the current group names `*`.
    private var currentIsWildcard = false

    init(productToken: String) {
        self.productToken = productToken
    }

    /// Takes the next line of the file into account.
    mutating func consume(_ line: RobotsLine) {
        switch line.directive {
        case .userAgent:
            if !isReadingAgents {
                isInGroup = true
                isReadingAgents = true
                currentIsNamed = false
                currentIsWildcard = false
            }
            switch RobotsAgent(userAgentValue: line.value) {
            case .wildcard:
                currentIsWildcard = true
                wildcard.isNamed = true
            case .product(let token) where token == productToken:
                currentIsNamed = true
                named.isNamed = true
            default:
                break
            }
        case .allow, .disallow:
            guard beginGroupMember(),
                  let rule = RobotsRule(pattern: line.value, isAllow: line.directive == .allow)
            else { return }
            if currentIsNamed { named.rules.append(rule) }
            if currentIsWildcard { wildcard.rules.append(rule) }
        case .crawlDelay:
            guard beginGroupMember(), let delay = Self.crawlDelay(line.value) else { return }
            if currentIsNamed { named.crawlDelay = max(named.crawlDelay ?? 0, delay) }
            if currentIsWildcard { wildcard.crawlDelay = max(wildcard.crawlDelay ?? 0, delay) }
        case .sitemap:
            if !line.value.isEmpty {
                sitemaps.append(String(decoding: line.value, as: UTF8.self))
            }
        }
    }

    /// The merged group that applies: ours by name, else `*`, else none (which allows everything).
    var matchedGroup: Group {
        var group = named.isNamed ? named : wildcard.isNamed ? wildcard : Group()
        // Merged groups often repeat a rule; trying it twice would only cost time.
        var unique: [RobotsRule] = []
        for rule in group.rules.sorted(by: RobotsRule.precedes) where unique.last != rule {
            unique.append(rule)
        }
        group.rules = unique
        return group
    }

    /// Marks the end of the current run of user-agent lines; false when there is no group to add to, or
    /// when the group concerns neither us nor `*`, so its lines need no compiling.
    private mutating func beginGroupMember() -> Bool {
        guard isInGroup else { return false }
        isReadingAgents = false
        return currentIsNamed || currentIsWildcard
    }

    /// A Crawl-delay value in seconds: digits with an optional decimal fraction (`10`, `0.5`, `.5`, `2.`).
    ///
    /// Anything else (`-1`, `5s`, `1e3`, `inf`, empty) is ignored rather than guessed at.
    static func crawlDelay(_ value: ArraySlice<UInt8>) -> Double? {
        var digits = 0
        var dots = 0
        for byte in value {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            default: return nil
            }
        }
        guard digits > 0, dots <= 1, let seconds = Double(String(decoding: value, as: UTF8.self)),
              seconds.isFinite
        else { return nil }
        return seconds
    }
}
