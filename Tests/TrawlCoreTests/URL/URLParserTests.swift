import Testing

@testable import TrawlCore

/// Resolution of references against a base, modelled on RFC 3986 §5.4 and the WHATWG URL standard.
struct URLParserTests {
    static let base = try! CrawlURL("http://a/b/c/d;p?q")

    /// RFC 3986 §5.4.1 normal examples (with WHATWG's trailing "/" on an empty path).
    @Test(arguments: [
        ("g", "http://a/b/c/g"),
        ("./g", "http://a/b/c/g"),
        ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"),
        ("//g", "http://g/"),
        ("?y", "http://a/b/c/d;p?y"),
        ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q"),
        ("g#s", "http://a/b/c/g"),
        ("g?y#s", "http://a/b/c/g?y"),
        (";x", "http://a/b/c/;x"),
        ("g;x", "http://a/b/c/g;x"),
        ("g;x?y#s", "http://a/b/c/g;x?y"),
        ("", "http://a/b/c/d;p?q"),
        (".", "http://a/b/c/"),
        ("./", "http://a/b/c/"),
        ("..", "http://a/b/"),
        ("../", "http://a/b/"),
        ("../g", "http://a/b/g"),
        ("../..", "http://a/"),
        ("../../", "http://a/"),
        ("../../g", "http://a/g"),
    ])
    func normalExamples(reference: String, expected: String) throws {
        #expect(try CrawlURL(reference, relativeTo: Self.base).string == expected)
    }

    /// RFC 3986 §5.4.2 abnormal examples; "http:g" follows the WHATWG special-scheme rule.
    @Test(arguments: [
        ("../../../g", "http://a/g"),
        ("../../../../g", "http://a/g"),
        ("/./g", "http://a/g"),
        ("/../g", "http://a/g"),
        ("g.", "http://a/b/c/g."),
        (".g", "http://a/b/c/.g"),
        ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"),
        ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"),
        ("g/../h", "http://a/b/c/h"),
        ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"),
        ("g?y/./x", "http://a/b/c/g?y/./x"),
        ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g"),
        ("g#s/../x", "http://a/b/c/g"),
        ("http:g", "http://a/b/c/g"),
    ])
    func abnormalExamples(reference: String, expected: String) throws {
        #expect(try CrawlURL(reference, relativeTo: Self.base).string == expected)
    }

    /// Browser behaviour beyond RFC 3986: backslashes, encoded dots, whitespace, scheme quirks.
    @Test(arguments: [
        ("\\g", "http://a/g"),
        ("\\\\g\\h", "http://g/h"),
        ("/\\g/h", "http://g/h"),
        ("%2e%2e/g", "http://a/b/g"),
        (".%2E/g", "http://a/b/g"),
        ("%2E./g", "http://a/b/g"),
        ("%2e/g", "http://a/b/c/g"),
        ("g/%2e%2e", "http://a/b/c/"),
        ("  g \u{0}", "http://a/b/c/g"),
        ("g\n/h\t", "http://a/b/c/g/h"),
        ("?", "http://a/b/c/d;p?"),
        ("http:", "http://a/b/c/d;p?q"),
        ("HTTP:/g", "http://a/g"),
        ("http:\\\\g", "http://g/"),
        ("https:g", "https://g/"),
        ("//user:pass@g:8080/x", "http://g:8080/x"),
        ("https://other.example/x", "https://other.example/x"),
        ("1http://x", "http://a/b/c/1http://x"),
        ("a b", "http://a/b/c/a%20b"),
    ])
    func browserQuirks(reference: String, expected: String) throws {
        #expect(try CrawlURL(reference, relativeTo: Self.base).string == expected)
    }

    @Test func relativeReferenceKeepsBasePort() throws {
        let base = try CrawlURL("https://example.com:8443/docs/index.html?lang=en")
        let url = try CrawlURL("../img/logo.png", relativeTo: base)
        #expect(url.string == "https://example.com:8443/img/logo.png")
        #expect(url.port == 8443)
        #expect(url.host == "example.com")
        #expect(url.query == nil)
    }

    @Test func queryOnlyReferenceKeepsBasePath() throws {
        let base = try CrawlURL("http://example.com/search?q=old")
        let url = try CrawlURL("?q=new&page=2", relativeTo: base)
        #expect(url.path == "/search")
        #expect(url.query == "q=new&page=2")
    }

    @Test func referenceAgainstRootBase() throws {
        let base = try CrawlURL("http://example.com")
        #expect(try CrawlURL("x", relativeTo: base).string == "http://example.com/x")
        #expect(try CrawlURL("../../x", relativeTo: base).string == "http://example.com/x")
    }

    @Test(arguments: ["mailto:someone@example.com", "javascript:void(0)", "tel:+123", "data:text/plain,hi"])
    func nonHTTPLinksAreRejectedEvenWithABase(reference: String) {
        #expect(throws: URLParseError.self) { try CrawlURL(reference, relativeTo: Self.base) }
    }

    @Test func emptyInputWithBaseIsTheBase() throws {
        #expect(try CrawlURL("", relativeTo: Self.base) == Self.base)
        #expect(try CrawlURL(" \t\n", relativeTo: Self.base) == Self.base)
    }

    @Test(arguments: ["/path", "g", "//example.com/", "?q", "#f", "../x"])
    func relativeWithoutBaseIsRejected(reference: String) {
        #expect(throws: URLParseError.relativeWithoutBase) { try CrawlURL(reference) }
    }
}
