import Testing
@testable import TrawlCore

@Suite struct TrapGuardTests {
    let guardian = TrapGuard()

    @Test(arguments: [
        ("http://a.test/a/b/c", nil),
        ("http://a.test/x/x/x/", Exclusion.repeatedSegments),
        ("http://a.test/a/b/a/b/a/b", .repeatedSegments),
        ("http://a.test/a/b/a/b", nil),
        ("http://a.test/cal/2026/01/cal/2026/02", nil),
        // Empty segments do not count; segments compare whole, not by prefix.
        ("http://a.test/a//a///a", .repeatedSegments),
        ("http://a.test/ab/a/ab/a/ab/a", .repeatedSegments),
        ("http://a.test/a/ab/abc/a/ab", nil),
        ("http://a.test/x/x/y/x/x", nil),
        ("http://a.test/p/1/q/2/p/1/q/2/p/1/q/2", .repeatedSegments),
        // Runs longer than four segments are not looked for.
        ("http://a.test/p/1/q/2/r/p/1/q/2/r/p/1/q/2/r", nil),
        ("http://a.test/?" + String(repeating: "q", count: 1100), .queryTooLong),
        ("http://a.test/" + String(repeating: "p", count: 2100), .urlTooLong),
        ("http://a.test/" + (0..<70).map { "s\($0)" }.joined(separator: "/"), .tooManySegments),
    ] as [(String, Exclusion?)])
    func classifies(url: String, expected: Exclusion?) throws {
        #expect(guardian.check(try CrawlURL(url)) == expected)
    }
}
