import Testing
import TrawlCore

/// Snippets are HTML built from crawled text: only the match marks may become elements, however a hostile page
/// composes its characters.
@Suite struct HighlightTests {
    @Test func marksBecomeElementsAndMarkupStaysText() {
        let marked = "a \(Highlight.open)<b>\(Highlight.close) & \"q\""
        #expect(Highlight.html(marked) == "a <mark>&lt;b&gt;</mark> &amp; &quot;q&quot;")
    }

    /// A prepended scalar (U+0600) or a combining mark (U+0301) glues `<` or `>` into one grapheme with its neighbour,
    /// which equals no `Character` "<": escaping by `Character` let such tags through.
    @Test(arguments: ["\u{600}<img src=x onerror=alert(1)>", "<img src=x>\u{301}", "\u{600}<\u{301}script\u{600}>\u{301}",
                      "<\u{200D}svg onload=alert(1)>"])
    func tagsGluedIntoGraphemesAreEscapedToo(_ hostile: String) {
        let html = Highlight.html("before \(Highlight.open)match\(Highlight.close) \(hostile) after")
        let withoutMarks = html.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        #expect(!withoutMarks.unicodeScalars.contains("<") && !withoutMarks.unicodeScalars.contains(">"), "\(html)")
        #expect(html.unicodeScalars.filter { $0 == "<" }.count == 2)
    }
}
