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
        ("http://a.test/?" + String(repeating: "q", count: 1100), .queryTooLong),
        ("http://a.test/" + String(repeating: "p", count: 2100), .urlTooLong),
        ("http://a.test/" + (0..<70).map { "s\($0)" }.joined(separator: "/"), .tooManySegments),
    ] as [(String, Exclusion?)])
    func classifies(url: String, expected: Exclusion?) throws {
        #expect(guardian.check(try CrawlURL(url)) == expected)
    }
}
