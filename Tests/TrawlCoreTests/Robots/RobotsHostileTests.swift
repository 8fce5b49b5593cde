import Testing
@testable import TrawlCore

/// robots.txt files built to cost the crawler: memory per origin and time per URL stay bounded, and what cannot be
/// decided within bounds is not fetched.
@Suite struct RobotsHostileTests {
    /// `/*a*a*a…` (500 KB, 569 bytes gzipped) held 13 MB per origin as one array per piece.
    @Test func aWildcardFloodIsCutToItsFirstWildcardsAndStaysMatchable() throws {
        let text = "/" + String(repeating: "*a", count: 100_000) + "$"
        let rule = try #require(RobotsRule(pattern: Array(text.utf8)[...], isAllow: false))
        #expect(rule.wildcards.count == RobotsRule.maxWildcards)
        #expect(rule.pattern.count < 2 * RobotsRule.maxWildcards + 2)
        #expect(!rule.isAnchored)
        // Cut, the rule matches more paths than in full: on the polite side for a Disallow.
        let rules = RobotsRules(parsing: Array(("User-agent: *\nDisallow: " + text).utf8), productToken: "Trawl")
        // 64 wildcards keep 63 `a` pieces.
        #expect(!rules.isAllowed("/" + String(repeating: "a", count: 63)))
        #expect(rules.isAllowed("/" + String(repeating: "a", count: 62)))
        // Cut, an Allow would match more too and override Disallows it never matched: it is dropped instead.
        #expect(RobotsRule(pattern: Array(text.utf8)[...], isAllow: true) == nil)
    }

    /// Rules whose pieces almost match everywhere made each URL's verdict cost ~0.3 s on the crawl loop.
    @Test func aVerdictThatWouldTakeTooLongIsADisallow() {
        let slow = (0..<450).map { "Disallow: /*" + String(repeating: "a", count: 1000 + $0) + "b\n" }.joined()
        let rules = RobotsRules(parsing: Array(("User-agent: *\nAllow: /p\n" + slow).utf8), productToken: "Trawl")
        let clock = ContinuousClock()
        var verdict = RobotsRules.Verdict.allowed
        let spent = clock.measure { verdict = rules.verdict("/" + String(repeating: "a", count: 2000) + "1") }
        #expect(verdict == .tooCostly)
        #expect(!rules.isAllowed("/" + String(repeating: "a", count: 2000) + "1"))
        // A bound on work, not a benchmark: 450 full scans would take seconds.
        #expect(spent < .seconds(1))
        #expect(rules.isAllowed("/p1"))
        #expect(rules.verdict("/" + String(repeating: "a", count: 1000) + "b") == .disallowed)
    }
}
