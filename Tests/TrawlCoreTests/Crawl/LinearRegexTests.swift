import Testing
@testable import TrawlCore

@Suite struct LinearRegexTests {
    @Test(arguments: [
        (#"^https://example\.com/docs/"#, "https://example.com/docs/intro", true),
        (#"\.pdf$"#, "https://a.test/x.pdf", true),
        (#"\.pdf$"#, "https://a.test/x.pdf?x", false),
        ("/private/", "https://a.test/private/x", true),
        ("(?i)/PRIVATE/", "https://a.test/private/x", true),
        (#"\d{4}/\d{2}/"#, "https://a.test/2024/05/post", true),
        ("ü", "https://a.test/über", true),
    ])
    func matchesAnywhereInTheText(pattern: String, text: String, expected: Bool) throws {
        #expect(try LinearRegex(pattern).matches(text) == expected)
    }

    /// A backtracking engine needs minutes for this; an automaton needs one pass over the text.
    @Test func catastrophicPatternsRunInLinearTime() throws {
        let url = "http://example.com/" + String(repeating: "a", count: 300) + "!"
        let clock = ContinuousClock()
        let started = clock.now
        for pattern in ["(.*a){12}$", "(a+)+$", "(a|aa)+$", "(.*){20}b", "^(a|a?)+$"] {
            #expect(try LinearRegex(pattern).matches(url) == false, "\(pattern)")
        }
        // A long URL costs proportionally more, not exponentially more.
        let long = "http://example.com/" + String(repeating: "a", count: 100_000) + "!"
        #expect(try LinearRegex("(.*a){12}$").matches(long) == false)
        #expect(clock.now - started < .seconds(2))
    }

    @Test func refusesWhatAnAutomatonCannotRun() {
        for pattern in [#"(a)\1"#, "a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "(unclosed", "a{1001}"] {
            #expect(throws: LinearRegex.CompileError.self, "\(pattern)") { try LinearRegex(pattern) }
        }
        #expect(throws: LinearRegex.CompileError.self) { try LinearRegex(String(repeating: "a", count: 1_001)) }
        // A program too large for the memory cap is refused rather than allowed to grow.
        #expect(throws: LinearRegex.CompileError.self) { try LinearRegex("((((a{100}){100}){100}){100})") }
    }

    @Test func textWithNULBytesIsMatchedWhole() throws {
        #expect(try LinearRegex("b$").matches("a\u{0}b"))
    }
}
