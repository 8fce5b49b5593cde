import Foundation
import Testing

@testable import TrawlCore

struct CrawlURLTests {
    @Test func componentsOfATypicalURL() throws {
        let url = try CrawlURL("https://www.Example.com:8443/a/b.html?x=1&y=2#top")
        #expect(url.scheme == .https)
        #expect(url.host == "www.example.com")
        #expect(url.port == 8443)
        #expect(url.path == "/a/b.html")
        #expect(url.query == "x=1&y=2")
        #expect(url.string == "https://www.example.com:8443/a/b.html?x=1&y=2")
        #expect(url.description == url.string)
        #expect(url.effectivePort == 8443)
        #expect(url.pathAndQuery == "/a/b.html?x=1&y=2")
    }

    @Test func defaultsWhenPartsAreAbsent() throws {
        let url = try CrawlURL("http://example.com")
        #expect(url.port == nil)
        #expect(url.effectivePort == 80)
        #expect(url.path == "/")
        #expect(url.query == nil)
        #expect(url.pathAndQuery == "/")
        #expect(try CrawlURL("https://example.com").effectivePort == 443)
    }

    @Test func bareQuestionMarkGivesAnEmptyQuery() throws {
        let url = try CrawlURL("http://example.com/a?")
        #expect(url.query == "")
        #expect(url.string == "http://example.com/a?")
        #expect(url.pathAndQuery == "/a?")
        #expect(url != (try CrawlURL("http://example.com/a")))
    }

    /// Different spellings of one resource normalise to one string.
    @Test(arguments: [
        ("HTTP://Example.COM:80/a/./b/../c?x=%7e", "http://example.com/a/c?x=~"),
        ("http://example.com", "http://example.com/"),
        ("http://ex%41mple.com/", "http://example.com/"),
        ("https://example.com:443/", "https://example.com/"),
        ("http://example.com:/", "http://example.com/"),
        ("http://example.com:0080/", "http://example.com/"),
        ("http://user:pass@example.com/", "http://example.com/"),
        ("http://a@b@example.com/", "http://example.com/"),
        ("http://example.com/#fragment", "http://example.com/"),
        ("  http://example.com/\n", "http://example.com/"),
        ("http://exam\tple.com/pa\nth", "http://example.com/path"),
        ("http://example.com\\a\\b", "http://example.com/a/b"),
        ("http://example.com/%7Euser", "http://example.com/~user"),
        ("http://example.com/%41%62%2d%5f", "http://example.com/Ab-_"),
        ("http://example.com/a%2fb", "http://example.com/a%2Fb"),
        ("http://example.com/a b", "http://example.com/a%20b"),
        ("http://example.com/ü", "http://example.com/%c3%bc"),
        ("http://example.com/?q=a b", "http://example.com/?q=a%20b"),
        ("http://example.com/?q='", "http://example.com/?q=%27"),
        ("http:example.com/x", "http://example.com/x"),
        ("https:/\\example.com", "https://example.com/"),
        ("http:///example.com/", "http://example.com/"),
    ])
    func equivalentSpellings(input: String, other: String) throws {
        let url = try CrawlURL(input)
        #expect(url == (try CrawlURL(other)))
        #expect(url.fingerprint == (try CrawlURL(other)).fingerprint)
    }

    /// Exact normalised forms for percent-encoding and dot segments.
    @Test(arguments: [
        ("http://example.com/100%", "http://example.com/100%25"),
        ("http://example.com/%zz", "http://example.com/%25zz"),
        ("http://example.com/a%2", "http://example.com/a%252"),
        ("http://example.com/%c3%bc", "http://example.com/%C3%BC"),
        ("http://example.com/café", "http://example.com/caf%C3%A9"),
        ("http://example.com/{x}`\"<>", "http://example.com/%7Bx%7D%60%22%3C%3E"),
        ("http://example.com/it's;a=b,c+d", "http://example.com/it's;a=b,c+d"),
        ("http://example.com/\u{7F}", "http://example.com/%7F"),
        ("http://example.com/a^b|c", "http://example.com/a%5Eb|c"),
        ("http://example.com/a%5eb", "http://example.com/a%5Eb"),
        ("http://example.com/?a^b", "http://example.com/?a^b"),
        ("http://example.com/?{x}|`", "http://example.com/?{x}|`"),
        ("http://example.com/?a=\"<'>\"", "http://example.com/?a=%22%3C%27%3E%22"),
        ("http://example.com/?q=%7e%2f%2F+x", "http://example.com/?q=~%2F%2F+x"),
        ("http://example.com/?q=日本", "http://example.com/?q=%E6%97%A5%E6%9C%AC"),
        ("http://example.com/a?b?c/../d", "http://example.com/a?b?c/../d"),
        ("http://example.com/?b=2&a=1&b=3", "http://example.com/?b=2&a=1&b=3"),
        ("http://example.com/a/..", "http://example.com/"),
        ("http://example.com/a/../", "http://example.com/"),
        ("http://example.com/a/%2e%2E/b", "http://example.com/b"),
        ("http://example.com/a/./", "http://example.com/a/"),
        ("http://example.com/../../a", "http://example.com/a"),
        ("http://example.com//a//b/", "http://example.com//a//b/"),
        ("http://example.com/a/...", "http://example.com/a/..."),
        ("http://example.com/a/%2e%2e%2e", "http://example.com/a/..."),
        ("http://example.com?x", "http://example.com/?x"),
        ("http://example.com#x", "http://example.com/"),
    ])
    func normalisedForm(input: String, expected: String) throws {
        #expect(try CrawlURL(input).string == expected)
    }

    @Test(arguments: [
        ("http://example.com:8080/", 8080, "http://example.com:8080/"),
        ("https://example.com:80/", 80, "https://example.com:80/"),
        ("http://example.com:443/", 443, "http://example.com:443/"),
        ("http://example.com:0/", 0, "http://example.com:0/"),
        ("http://example.com:65535", 65535, "http://example.com:65535/"),
        ("http://[::1]:8080/", 8080, "http://[::1]:8080/"),
        ("http://u:p@example.com:81?q", 81, "http://example.com:81/?q"),
    ])
    func explicitPorts(input: String, port: Int, expected: String) throws {
        let url = try CrawlURL(input)
        #expect(url.port == port)
        #expect(url.effectivePort == port)
        #expect(url.string == expected)
    }

    @Test(arguments: [
        ("http://example.com:65536/", "65536"),
        ("http://example.com:99999999999999999999/", "99999999999999999999"),
        ("http://example.com:8a/", "8a"),
        ("http://example.com:-1/", "-1"),
        ("http://example.com: 80/", " 80"),
        ("http://example.com:80:80/", "80:80"),
    ])
    func invalidPorts(input: String, port: String) {
        #expect(throws: URLParseError.invalidPort(port)) { try CrawlURL(input) }
    }

    @Test(arguments: [
        ("mailto:someone@example.com", "mailto"),
        ("javascript:alert(1)", "javascript"),
        ("JavaScript:alert(1)", "javascript"),
        ("ftp://example.com/file", "ftp"),
        ("data:text/html,hi", "data"),
        ("file:///etc/passwd", "file"),
        ("ws://example.com/", "ws"),
        ("httpx://example.com/", "httpx"),
        ("localhost:8080/x", "localhost"),
    ])
    func unsupportedSchemes(input: String, scheme: String) {
        #expect(throws: URLParseError.unsupportedScheme(scheme)) { try CrawlURL(input) }
    }

    @Test(arguments: ["http://", "http:", "https:///", "http://user@/x", "http://:80/", "http://?x", "http://#x"])
    func missingHosts(input: String) {
        #expect(throws: URLParseError.missingHost) { try CrawlURL(input) }
    }

    @Test(arguments: ["", "   ", "\u{1}\t\n "])
    func emptyInputs(input: String) {
        #expect(throws: URLParseError.empty) { try CrawlURL(input) }
    }

    @Test func overlongInputIsRejected() throws {
        let limit = CrawlURL.maximumLength
        let prefix = "http://example.com/"
        let fits = prefix + String(repeating: "a", count: limit - prefix.utf8.count)
        #expect(try CrawlURL(fits).path.utf8.count == limit - prefix.utf8.count + 1)
        let tooLong = fits + "a"
        #expect(throws: URLParseError.tooLong(limit + 1)) { try CrawlURL(tooLong) }
    }

    /// Short references can make long URLs: resolved against a long base, or percent-encoded threefold. The limit holds
    /// for what the crawl keeps, not only for what it is given, so a stored URL always parses again.
    @Test func overlongNormalisedFormIsRejected() throws {
        let limit = CrawlURL.maximumLength
        let base = try CrawlURL("http://example.com/" + String(repeating: "a", count: limit - 40) + "/")
        #expect(try CrawlURL("short", relativeTo: base).string.utf8.count <= limit)
        #expect(throws: URLParseError.tooLong(base.string.utf8.count + 40)) {
            try CrawlURL(String(repeating: "b", count: 40), relativeTo: base)
        }
        let encoded = "http://example.com/" + String(repeating: "é", count: 2000)
        #expect(encoded.utf8.count <= limit)
        #expect(throws: URLParseError.tooLong("http://example.com/".utf8.count + 12000)) { try CrawlURL(encoded) }
    }

    @Test func normalisedFormIsAFixedPoint() throws {
        let inputs = [
            "HTTP://Example.COM:80/a/./b/../c?x=%7e", "http://example.com/100%", "http://bücher.example/ä?ö=ü",
            "http://0x7f.1/%2e%2e/x?%zz", "https://[0:0::1]:443/a b?c d#e", "http://example.com/?",
        ]
        for input in inputs {
            let url = try CrawlURL(input)
            let again = try CrawlURL(url.string)
            #expect(again.string == url.string)
            #expect(again.host == url.host && again.port == url.port)
            #expect(again.path == url.path && again.query == url.query)
        }
    }

    @Test func equalityHashingAndOrderingFollowTheString() throws {
        let spellings = ["http://Example.com/a", "http://example.com:80/a#x", "http://example.com/./a"]
        let urls = try spellings.map { try CrawlURL($0) }
        #expect(Set(urls).count == 1)
        let sorted = try ["https://b.example/", "http://b.example/", "http://a.example/z", "http://a.example/"]
            .map { try CrawlURL($0) }.sorted()
        #expect(
            sorted.map(\.string) == [
                "http://a.example/", "http://a.example/z", "http://b.example/", "https://b.example/",
            ])
    }

    @Test func codableAsASingleString() throws {
        let urls = try [CrawlURL("https://example.com/a?b"), CrawlURL("http://[::1]:8080/")]
        let data = try JSONEncoder().encode(urls)
        #expect(try JSONDecoder().decode([String].self, from: data) == urls.map(\.string))
        #expect(try JSONDecoder().decode([CrawlURL].self, from: data) == urls)
        let messy = Data(#"["HTTP://Example.COM:80/./x#y"]"#.utf8)
        #expect(try JSONDecoder().decode([CrawlURL].self, from: messy).first?.string == "http://example.com/x")
    }

    @Test func decodingAnInvalidURLThrowsADecodingError() {
        let data = Data(#"["mailto:someone@example.com"]"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CrawlURL].self, from: data) }
    }
}
