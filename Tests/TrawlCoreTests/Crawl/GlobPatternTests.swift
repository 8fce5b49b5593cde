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

extension GlobPatternTests {
    /// Whether `pattern` matches all of `text`, by dynamic programming over both: slow, obviously right.
    static func reference(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        var row = [Bool](repeating: false, count: text.count + 1)
        row[0] = true
        for byte in pattern {
            var next = [Bool](repeating: false, count: text.count + 1)
            if byte == UInt8(ascii: "*") {
                next[0] = row[0]
                for index in 1...max(1, text.count) where index <= text.count { next[index] = next[index - 1] || row[index] }
            } else {
                for index in stride(from: 1, through: text.count, by: 1) {
                    next[index] = row[index - 1] && text[index - 1] == byte
                }
            }
            row = next
        }
        return row[text.count]
    }

    /// The linear matcher agrees with the reference on random patterns and texts over a small alphabet, where pieces
    /// overlap and repeat (the cases a substring search gets wrong).
    @Test func agreesWithAReferenceMatcher() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let pattern = (0..<Int.random(in: 0...8, using: &generator)).map { _ in Array("ab*".utf8).randomElement(using: &generator)! }
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Array("ab".utf8).randomElement(using: &generator)! }
            let source = String(decoding: pattern, as: UTF8.self), subject = String(decoding: text, as: UTF8.self)
            #expect(GlobPattern(source).matches(subject) == Self.reference(pattern, text), "'\(source)' on '\(subject)'")
        }
    }
}
