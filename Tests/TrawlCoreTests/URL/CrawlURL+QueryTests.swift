import Testing

@testable import TrawlCore

struct CrawlURLQueryTests {
    private static func isTracking(_ name: Substring) -> Bool { name.hasPrefix("utm_") || name == "fbclid" }

    @Test func removingQueryDropsTheQuestionMark() throws {
        let url = try CrawlURL("http://example.com:8080/a?x=1").removingQuery()
        #expect(url.string == "http://example.com:8080/a")
        #expect(url.query == nil)
        #expect(url.path == "/a")
        #expect(url.port == 8080)
        #expect(try CrawlURL("http://example.com/a?").removingQuery().string == "http://example.com/a")
        let plain = try CrawlURL("http://example.com/a")
        #expect(plain.removingQuery() == plain)
    }

    @Test(arguments: [
        ("http://e.com/p?utm_source=x&id=3&utm_medium=y", "http://e.com/p?id=3"),
        ("http://e.com/p?utm_source=x&fbclid=abc", "http://e.com/p"),
        ("http://e.com/p?b=2&fbclid=1&a=1", "http://e.com/p?b=2&a=1"),
        ("http://e.com/p?utm_flag&x=1", "http://e.com/p?x=1"),
        ("http://e.com/p?a=1&&utm_x=2&", "http://e.com/p?a=1"),
        ("http://e.com/p?a=1&&b=2", "http://e.com/p?a=1&&b=2"),
        ("http://e.com/p?id=utm_x", "http://e.com/p?id=utm_x"),
        ("http://e.com/p?", "http://e.com/p?"),
        ("http://e.com/p", "http://e.com/p"),
    ])
    func removingTrackingParameters(input: String, expected: String) throws {
        let url = try CrawlURL(input).removingQueryParameters(where: Self.isTracking)
        #expect(url.string == expected)
        // The result is exactly what parsing its string gives, so it dedups with other spellings.
        let reparsed = try CrawlURL(expected)
        #expect(url == reparsed)
        #expect(url.query == reparsed.query && url.path == reparsed.path)
        #expect(url.fingerprint == reparsed.fingerprint)
    }

    @Test func parameterNamesArePassedAsNormalised() throws {
        var names: [String] = []
        _ = try CrawlURL("http://e.com/?%75tm=1&a%20b=2&c").removingQueryParameters { name in
            names.append(String(name))
            return false
        }
        #expect(names == ["utm", "a%20b", "c"])
    }
}
