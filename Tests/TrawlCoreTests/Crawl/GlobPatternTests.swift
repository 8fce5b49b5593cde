import Testing
@testable import TrawlCore

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("https://a.test/blog/*", "https://a.test/blog/post", true),
        ("https://a.test/blog/*", "https://a.test/news/post", false),
        ("*.pdf", "https://a.test/x.pdf", true),
        ("*.pdf", "https://a.test/x.pdf?x", false),
        ("*/docs/*", "https://a.test/v1/docs/intro", true),
        ("https://a.test/", "https://a.test/", true),
        ("https://a.test/", "https://a.test/x", false),
        ("*", "anything", true),
        ("a*b*c", "aXbYc", true),
        ("a*b*c", "aXcYb", false),
    ])
    func matches(pattern: String, text: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(text) == expected)
    }
}
