import Testing
import TrawlCore
@testable import TrawlHTML

/// Visible text extraction.
struct LibXMLHTMLParserTextTests {
    private func text(_ html: String) -> String {
        LibXMLHTMLParser().parse(Array(html.utf8), declaredCharset: "utf-8", productToken: "Trawl").text
    }

    @Test func blockElementsEndLinesAndInlineElementsDoNot() {
        let html = """
            <html><head><title>T</title></head><body>
              <h1>Heading</h1>
              <p>First <b>bold</b><i>italic</i> para&shy;graph.</p>
              <div>Second<br>line two</div>
              <ul><li>one</li><li>two</li></ul>
              <section><article>Deep</article></section>
            </body></html>
            """
        #expect(text(html) == "Heading\nFirst bolditalic paragraph.\nSecond\nline two\none\ntwo\nDeep")
    }

    @Test func collapsesWhitespaceTrimsLinesAndDropsBlankLines() {
        let html = "<p>  a \t\n b  </p>\n\n<p>   </p><div><div></div></div><p>c&nbsp;&nbsp; d</p><br><br><br><p>e</p>"
        #expect(text(html) == "a b\nc d\ne")
    }

    @Test func tableCellsAreSeparatedBySpacesAndRowsByLines() {
        let html = "<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>30</td></tr></table>"
        #expect(text(html) == "Name Age\nAnn 30")
    }

    @Test func hiddenContentIsNotText() {
        let html = """
            <html><head><title>Title</title><style>p { color: red }</style>
            <script>var x = "<p>script</p>";</script></head>
            <body><p>visible</p><noscript>enable js</noscript><template><p>tpl</p></template>
            <svg><text>drawn</text></svg><script>alert(1)</script><select><option>opt</option></select>
            <iframe src="/f">fallback</iframe><p>end</p></body></html>
            """
        #expect(text(html) == "visible\nend")
    }

    @Test func decodesEntities() {
        #expect(text("<p>Fish &amp; chips &eacute;t&eacute; &#x263A; &#169; &lt;tag&gt;</p>") == "Fish & chips été ☺ © <tag>")
    }

    @Test func keepsUnicodeText() {
        #expect(text("<p>日本語 <em>テキスト</em></p><p>Ελληνικά</p>") == "日本語 テキスト\nΕλληνικά")
    }

    @Test func textOutsideAnyBlockStillCounts() {
        #expect(text("plain words <span>and</span> more") == "plain words and more")
    }
}
