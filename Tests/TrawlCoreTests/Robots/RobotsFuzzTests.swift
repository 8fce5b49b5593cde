import Testing
import TrawlCore
import TrawlTestSupport

/// robots.txt files made of random lines, bytes and paths: parsing never fails or traps, and a decision is made
/// for every path, quickly, with the rule RFC 9309 always keeps: /robots.txt itself is allowed.
struct RobotsFuzzTests {
    static let lines = [
        "User-agent: *", "User-agent: Trawl", "user-agent:trawl", "User-agent:", "Disallow: /", "Disallow:", "Allow: /",
        "Disallow: /*", "Disallow: /*$", "Disallow: /a*b*c*d*e*f*g*h$", "Allow: /$", "Disallow: /%2F", "Disallow: /é",
        "Disallow: /%C3%A9", "Crawl-delay: 5", "Crawl-delay: -1", "Crawl-delay: 1e309", "Sitemap: http://x/",
        "# comment", "", "\r", "Disallow /no-colon", ":", "Disallow: " + String(repeating: "*", count: 2_000),
        "Disallow: /" + String(repeating: "a*", count: 500) + "$", "\u{FEFF}User-agent: *", "Allow: /private/ok",
    ]
    static let paths = ["/", "/robots.txt", "/a", "/abcdefgh", "/private/ok", "/%2F", "/é", "/%C3%A9", "/x?y=1",
                        "/" + String(repeating: "a", count: 3_000), "/aXbXcXdXeXfXgXh"]

    @Test func randomFilesAlwaysDecide() {
        var random = SeededRandom(seed: 0x0B07_5EED)
        let clock = ContinuousClock()
        let started = clock.now
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) {
                if random.next() % 10 == 0 {
                    bytes += (0..<Int(random.next() % 8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                } else {
                    bytes += Array(Self.lines[Int(random.next() % UInt64(Self.lines.count))].utf8)
                }
                bytes += random.next() % 3 == 0 ? [0x0D, 0x0A] : [0x0A]
            }
            let rules = RobotsRules(parsing: bytes, productToken: "Trawl")
            for path in Self.paths { _ = rules.isAllowed(path) }
            #expect(rules.isAllowed("/robots.txt"))
        }
        // Not a benchmark: a wildcard pattern must not make matching exponential (that would take minutes).
        #expect(clock.now - started < .seconds(60))
    }
}
