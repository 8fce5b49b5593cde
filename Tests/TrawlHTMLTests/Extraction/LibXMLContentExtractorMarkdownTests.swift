import Testing
import TrawlCore
import TrawlHTML

/// The exact Markdown and text of small pages: one construct at a time.
struct LibXMLContentExtractorMarkdownTests {
    private let extractor = LibXMLContentExtractor()

    private func extract(_ html: String, url: String = "https://example.com/docs/page",
                         options: ExtractionOptions = ExtractionOptions()) -> ExtractedContent {
        extractor.expectingText(Array(html.utf8), url: url, options: options)
    }

    private func body(_ html: String) -> ExtractedContent {
        extract("<html><body>\(html)</body></html>")
    }

    @Test func headingsParagraphsAndEmphasis() {
        let page = body("""
            <h1>Main  <em>title</em></h1>
            <p>Some   <b>bold</b>,
               <strong> spaced </strong>and <i>italic</i> text.</p>
            <h3>Deeper</h3><p>More<b></b> text<em> </em>here.</p>
            """)
        #expect(page.markdown == """
            # Main *title*

            Some **bold**, **spaced** and *italic* text.

            ### Deeper

            More text here.
            """)
        #expect(page.text == "Main title\n\nSome bold, spaced and italic text.\n\nDeeper\n\nMore text here.")
    }

    @Test func headingPermalinksAreDropped() {
        let page = body("""
            <h2>Basic Usage<a class="headerlink" href="#basic-usage" title="Permalink">¶</a></h2>
            <h3 id="x"><a class="anchor-link" href="#x">#</a>Options</h3>
            <p>See <a class="reference" href="#basic-usage">the usage</a>.</p>
            """)
        #expect(page.markdown == """
            ## Basic Usage

            ### Options

            See [the usage](https://example.com/docs/page#basic-usage).
            """)
    }

    @Test func linksResolveAgainstBaseAndPage() {
        let page = extract("""
            <html><head><base href="/guide/"></head><body><p>
            <a href="intro">Intro</a>, <a href="https://other.example/x?q=1#frag">elsewhere</a>,
            <a href="#top">top</a>, <a href="mailto:team@example.com">mail us</a>,
            <a href="javascript:void(0)">script</a>, <a href="/a b(c)">odd</a>, <a href="/x"><img src=i.png></a>,
            <a href="/outer">outer <a href="/inner">inner</a></a></p></body></html>
            """)
        #expect(page.markdown == """
            [Intro](https://example.com/guide/intro), [elsewhere](https://other.example/x?q=1#frag), \
            [top](https://example.com/guide/#top), [mail us](mailto:team@example.com), script, \
            [odd](https://example.com/a%20b%28c%29), , [outer](https://example.com/outer) \
            [inner](https://example.com/inner)
            """)
    }

    @Test func nestedListsKeepTheirMarkersAndIndent() {
        let page = body("""
            <ul><li>One</li><li>Two<ol start="7"><li>Seven</li><li>Eight<ul><li>Deep</li></ul></li></ol></li>
            <li><p>Para one</p><p>Para two</p></li><li></li><li>Last</li></ul><p>After</p>
            """)
        #expect(page.markdown == """
            - One
            - Two
              7. Seven
              8. Eight
                 - Deep
            - Para one

              Para two
            - Last

            After
            """)
        #expect(page.text == "One\nTwo\nSeven\nEight\nDeep\nPara one\n\nPara two\nLast\n\nAfter")
    }

    @Test func codeBlocksKeepWhitespaceAndTheirLanguage() {
        let page = body("""
            <p>Run <code>make  test</code> or <code>a`b</code> or <kbd>Ctrl</kbd>.</p>
            <pre class="language-python"><code>def f(x):
                return x * 2   # doubled

            print(f(2))
            </code></pre>
            <pre><code class="lang-c++">int main() {}</code></pre><pre>   </pre>
            """)
        #expect(page.markdown == """
            Run `make test` or ``a`b`` or `Ctrl`.

            ```python
            def f(x):
                return x * 2   # doubled

            print(f(2))
            ```

            ```c++
            int main() {}
            ```
            """)
        #expect(page.text.contains("    return x * 2   # doubled\n\nprint(f(2))"))
    }

    @Test func tablesBecomeGFMWithTheFirstRowAsHeader() {
        let page = body("""
            <table><tr><td>Name</td><td>Notes</td></tr>
            <tr><td><a href="/a">Alpha</a></td><td>a | b<br>c</td></tr>
            <tr><td colspan="2">wide</td></tr><tr><td>short</td></tr><tr><td>x</td><td>y</td><td>z</td></tr></table>
            """)
        // Only the header is padded to the widest row; GFM reads missing cells as empty.
        #expect(page.markdown == """
            | Name | Notes |  |
            | --- | --- | --- |
            | [Alpha](https://example.com/a) | a \\| b c |
            | wide |  |
            | short |
            | x | y | z |
            """)
        #expect(page.text == "Name\tNotes\nAlpha\ta | b c\nwide\nshort\nx\ty\tz")
    }

    @Test func layoutTablesAreRenderedAsTheirBlocks() {
        let page = body("""
            <table role="presentation"><tr><td><p>First column.</p></td><td><p>Second column.</p></td></tr></table>
            <table><tr><td><h2>Inside</h2><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>
            """)
        #expect(page.markdown == """
            First column.

            Second column.

            ## Inside

            | x | y |
            | --- | --- |
            """)
    }

    @Test func blockquotesNestAndSeparateParagraphs() {
        let page = body("<blockquote><p>One</p><p>Two</p><blockquote>Inner</blockquote></blockquote><p>Out</p>")
        #expect(page.markdown == "> One\n>\n> Two\n>\n> > Inner\n\nOut")
        #expect(page.text == "One\n\nTwo\n\nInner\n\nOut")
    }

    @Test func lineBreaksAndWhitespaceCollapseLikeABrowser() {
        let page = body("<p>  line one<br>line&nbsp;two<br><br>  </p><div>a<span> </span>b\u{AD}c\n\t d</div>")
        #expect(page.markdown == "line one\\\nline two\n\na bc d")
        #expect(page.text == "line one\nline two\n\na bc d")
    }

    @Test func textThatLooksLikeMarkdownIsEscaped() {
        let page = body("""
            <p># not a heading</p><p>1. not a list</p><p>- not a bullet</p><p>> not a quote</p>
            <p>*stars* and _under_ but snake_case, a\\*b, <span>&lt;div&gt;</span>, &amp;copy; and R&amp;D</p>
            <h2>C# #</h2>
            """)
        #expect(page.markdown == """
            \\# not a heading

            1\\. not a list

            \\- not a bullet

            \\> not a quote

            \\*stars\\* and \\_under\\_ but snake_case, a\\\\\\*b, \\<div>, \\&copy; and R&D

            ## C# \\#
            """)
        #expect(page.text.contains("*stars* and _under_ but snake_case, a\\*b, <div>, &copy; and R&D"))
    }

    @Test func blocksInsideLinksKeepTheLink() {
        let page = body("<a href='/card'><div><h3>Card title</h3><p>Card text</p></div></a>")
        #expect(page.markdown == "### [Card title](https://example.com/card)\n\n[Card text](https://example.com/card)")
    }

    @Test func hiddenAndBoilerplateElementsAreDropped() {
        let page = body("""
            <p>Visible</p><p hidden>hidden attribute</p><p aria-hidden="true">aria hidden</p>
            <p style="color: red; DISPLAY : none">display none</p><div style="visibility:hidden">invisible</div>
            <div class="c-cookieBanner">cookies</div><div id="main-nav">navigation</div><div class="ad">advert</div>
            <div role="navigation">role nav</div><aside>aside</aside><nav>nav</nav><script>script()</script>
            <noscript>enable js</noscript><template>tpl</template><svg><text>svg</text></svg>
            <iframe src="/frame">frame</iframe><button>Click</button><select><option>choice</option></select>
            <p>Also visible, <span class="addressed">not an ad word</span></p>
            """)
        #expect(page.markdown == "Visible\n\nAlso visible, not an ad word")
    }

    @Test func skippedTagsAreDroppedOnRequest() {
        let html = """
            <html><body><main><p>Keep</p><figure><p>Figure text</p></figure><Custom-Box>custom</Custom-Box></main>
            </body></html>
            """
        #expect(extract(html).markdown == "Keep\n\nFigure text\n\ncustom")
        let options = ExtractionOptions(skippedTags: ["FIGURE", "custom-box"])
        #expect(extract(html, options: options).markdown == "Keep")
    }

    @Test func pageLevelHeaderAndFooterGoButArticleOnesStay() {
        let page = body("""
            <header>Site header</header><article><header><h1>Post</h1></header><p>Body text.</p>
            <footer>Article footer</footer></article><section><footer>Section footer</footer></section>
            <footer>Site footer</footer>
            """)
        #expect(page.markdown == "# Post\n\nBody text.\n\nArticle footer")
    }

    @Test func wrappersNamedLikeBoilerplateKeepTheirContent() {
        // A page-wide form (ASP.NET) and a layout wrapper with "sidebar" in its class hold the whole page.
        let page = body("""
            <form id="aspnetForm"><div class="layout has-sidebar"><div class="sidebar">Links</div>
            <div><p>The real content of this page is long enough to be most of its text.</p></div></div></form>
            """)
        #expect(page.markdown == "The real content of this page is long enough to be most of its text.")
    }

    @Test func metadataComesFromTheHead() {
        let page = extract("""
            <html lang=" DE-at "><head><title>  A   title </title><base href="https://cdn.example/base/">
            <link rel="alternate canonical" href="../canon?b=2#x"></head><body><p>Text</p></body></html>
            """)
        #expect(page.title == "A title")
        #expect(page.language == "de-at")
        #expect(page.canonicalURL == "https://cdn.example/canon?b=2")
        let fallback = extract("""
            <html><head><meta http-equiv="Content-Language" content="FR, en"></head>
            <body><svg><title>icon</title></svg><h1> First  heading </h1><h1>Second</h1></body></html>
            """)
        #expect(fallback.title == "First heading")
        #expect(fallback.language == "fr")
        #expect(fallback.canonicalURL == nil)
    }

    @Test func mainBeatsArticlesAndAListingKeepsEveryTeaser() {
        let main = body("""
            <article><p>A promoted article that is outside the main element and long enough to count.</p></article>
            <main><p>The main element's text, which is what the page is about, and long enough too.</p></main>
            """)
        #expect(main.markdown == "The main element's text, which is what the page is about, and long enough too.")
        let listing = body("""
            <article><h2>First post</h2><p>The first teaser has a sentence or two of summary text.</p></article>
            <article><h2>Second post</h2><p>The second teaser also has a sentence of summary text.</p>
            <article><p>A comment.</p></article></article>
            """)
        #expect(listing.markdown == """
            ## First post

            The first teaser has a sentence or two of summary text.

            ## Second post

            The second teaser also has a sentence of summary text.

            A comment.
            """)
    }
}
