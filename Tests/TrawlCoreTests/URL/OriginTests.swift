import Testing

@testable import TrawlCore

struct OriginTests {
    @Test func defaultPortIsOmittedFromTheString() throws {
        let origin = try CrawlURL("https://Example.com/a/b?c").origin
        #expect(origin.scheme == .https)
        #expect(origin.host == "example.com")
        #expect(origin.port == 443)
        #expect(origin.string == "https://example.com")
        #expect(origin.description == "https://example.com")
        #expect(origin.robotsTxtURL.string == "https://example.com/robots.txt")
    }

    @Test func explicitPortIsKept() throws {
        let origin = try CrawlURL("http://[::1]:8080/x").origin
        #expect(origin.port == 8080)
        #expect(origin.string == "http://[::1]:8080")
        let robots = origin.robotsTxtURL
        #expect(robots.string == "http://[::1]:8080/robots.txt")
        #expect(robots == (try CrawlURL("http://[::1]:8080/robots.txt")))
        #expect(robots.port == 8080 && robots.path == "/robots.txt" && robots.query == nil)
    }

    @Test func urlsOnOneHostShareAnOrigin() throws {
        let a = try CrawlURL("http://example.com/a").origin
        let b = try CrawlURL("http://EXAMPLE.com:80/b?c").origin
        #expect(a == b)
        #expect(a != (try CrawlURL("https://example.com/a").origin))
        #expect(a != (try CrawlURL("http://example.com:81/a").origin))
        #expect(a.robotsTxtURL == (try CrawlURL("http://example.com/robots.txt")))
    }
}
