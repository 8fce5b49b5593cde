import Testing
@testable import TrawlRuntime

@Suite struct SnippetTests {
    @Test func marksWholeQueryWordsCaseInsensitively() {
        let snippet = Snippet.make("Install the packages with APT, then install Swift.", highlighting: "install apt")
        #expect(snippet == "<mark>Install</mark> the packages with <mark>APT</mark>, then <mark>install</mark> Swift.")
        // Inside a longer word is not a match at its start only; short words (≤ 2 letters) are not marked.
        #expect(Snippet.make("reinstall it on a box", highlighting: "install on") == "reinstall it on a box")
    }

    @Test func startsNearTheFirstMatchInLongText() {
        let text = String(repeating: "lorem ipsum ", count: 100) + "the politeness delay adapts" + String(repeating: " dolor", count: 100)
        let snippet = Snippet.make(text, highlighting: "politeness", length: 120)
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
        #expect(snippet.contains("<mark>politeness</mark> delay adapts"))
        #expect(Snippet.make(text, highlighting: "absent", length: 40) == String(text.prefix(40)) + "…")
    }
}

extension SnippetTests {
    @Test func crawledMarkupStaysText() {
        let snippet = Snippet.make("<img src=x onerror=alert(1)> install & \"go\"", highlighting: "install")
        #expect(snippet == "&lt;img src=x onerror=alert(1)&gt; <mark>install</mark> &amp; &quot;go&quot;")
    }
}

extension SnippetTests {
    /// The words a snippet marks are those full-text search reads: stop words left out, at most 32, the longest of
    /// two words sharing a start first (a word marks the start of a longer one, as a stem would). A query of hundreds
    /// of words costs a snippet no more than one of 32.
    @Test func marksTheWordsFullTextSearchReads() {
        let many = (1...300).map { "w\($0)x" }.joined(separator: " ")
        let text = "w1x and w32x but not w33x nor w300x"
        #expect(Snippet.make(text, highlighting: many) == "<mark>w1x</mark> and <mark>w32x</mark> but not w33x nor w300x")
        #expect(Snippet.make("the parser parses", highlighting: "the parse parser")
            == "the <mark>parser</mark> <mark>parse</mark>s")
    }
}
