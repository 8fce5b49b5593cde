import Testing
import TrawlCore
import TrawlHTML

/// Deep nesting, huge and empty pages, garbage, charsets and concurrency: extraction always returns, quickly.
struct LibXMLContentExtractorRobustnessTests {
    private let extractor = LibXMLContentExtractor()

    private func extract(_ bytes: [UInt8], charset: String? = nil, options: ExtractionOptions = ExtractionOptions())
        -> ExtractedContent {
        extractor.expectingText(bytes, declaredCharset: charset, url: "https://example.com/", options: options)
    }

    /// Output that any input must satisfy.
    private func expectWellFormed(_ content: ExtractedContent) {
        #expect(content.markdown.first?.isWhitespace != true && content.markdown.last?.isWhitespace != true)
        #expect(content.text.first != "\n" && content.text.last?.isWhitespace != true)
        #expect(content.markdown.isEmpty == content.text.isEmpty)
    }

    @Test func nestingWithinTheBudgetNeitherOverflowsNorLosesText() {
        let depth = 450  // 1,800 open elements, just under the budget's 2,000
        let html = "<html><body><p>Before the nest.</p>" + String(repeating: "<div><blockquote><ul><li>", count: depth)
            + "<p>Deep <b>inside</b>.</p>" + String(repeating: "</li></ul></blockquote></div>", count: depth)
            + "<p>After the nest.</p></body></html>"
        let content = extract(Array(html.utf8))
        expectWellFormed(content)
        #expect(content.text.hasPrefix("Before the nest.\n\nDeep inside."))
        #expect(content.text.hasSuffix("After the nest."))
        #expect(content.markdown.contains("**inside**"))
        // Quote and list prefixes stop growing past a fixed depth: output stays linear in the input.
        #expect(content.markdown.count < 200)
    }

    /// Nesting is what makes every unmatched end tag expensive, so a page nested past the budget fails, quickly.
    @Test func nestingPastTheBudgetFailsTheDocumentQuickly() {
        let depth = 50_000
        let html = "<html><body><p>Before the nest.</p>" + String(repeating: "<div><blockquote><ul><li>", count: depth)
            + String(repeating: "</i>", count: 200_000)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: ExtractionError("parse_budget: the page went over its parse budget (depth)")) {
            try extractor.extract(Array(html.utf8), declaredCharset: nil, url: "https://example.com/",
                                  options: ExtractionOptions())
        }
        #expect(clock.now - started < .seconds(5))
    }

    /// A page of 12 MB of prose would be 60,000 chunks; a document keeps its first 4 MiB, cut between paragraphs.
    @Test func aHugePageContributesAtMostTheCapToItsDocument() {
        let paragraph = "<p>" + String(repeating: "lorem ipsum dolor sit amet ", count: 40) + "</p>\n"
        let html = "<html><body>" + String(repeating: paragraph, count: 11_000) + "</body></html>"
        let content = extract(Array(html.utf8))
        #expect(content.markdown.utf8.count <= 4 << 20)
        #expect(content.text.utf8.count <= 4 << 20)
        #expect(content.markdown.utf8.count > 3 << 20)
        #expect(content.markdown.hasSuffix("amet"))
    }

    @Test func deepNestingPastTheParserDefaultLimitKeepsTheRest() {
        // libxml2 gives up on the rest of a page nested deeper than 256 elements unless told otherwise.
        let html = "<p>Start.</p>" + String(repeating: "<span>", count: 1_000) + "middle"
            + String(repeating: "</span>", count: 1_000) + "<p>End.</p>"
        let content = extract(Array(html.utf8))
        #expect(content.text == "Start.\n\nmiddle\n\nEnd.")
    }

    @Test func emptyAndBlankPagesGiveEmptyContent() {
        for html in ["", " \n\t ", "<html></html>", "<head><title>Only a title</title></head><body></body>",
                     "<body><script>var a = 1;</script><nav>Menu</nav></body>", "<!-- just a comment -->"] {
            let content = extract(Array(html.utf8))
            #expect(content.markdown == "", "\(html)")
            #expect(content.text == "", "\(html)")
        }
        #expect(extract(Array("<title>Only a title</title>".utf8)).title == "Only a title")
    }

    @Test func randomBytesAndMarkupSoupNeverCrash() {
        var random = SplitMix64(seed: 0xE7_7AC7)
        var refusedText = 0
        for round in 0..<200 {
            let length = Int(random.next() % 5_000)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // Random bytes are mostly refused as not text; whatever is extracted must still be well formed.
            if let content = try? extractor.extract(bytes, declaredCharset: round % 3 == 0 ? "shift_jis" : nil,
                                                    url: "https://example.com/", options: ExtractionOptions()) {
                expectWellFormed(content)
            }
            // Text-like noise (printable ASCII, markup characters, UTF-8 sequences) gets past that check and into
            // the parser and renderer.
            let alphabet = Array("<>/=\"'&;# \n\tabcdefxyzpdivh1é東")
            let textual = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            if let content = try? extractor.extract(Array(textual.utf8), declaredCharset: nil, url: "https://example.com/",
                                                    options: ExtractionOptions()) {
                expectWellFormed(content)
            } else {
                refusedText += 1
            }
        }
        let fragments = ["<", ">", "</", "<p>", "<pre>", "<code>", "<table>", "<tr>", "<td>", "<th colspan=9999>",
                         "<ul>", "<ol start=-5>", "<li>", "<blockquote>", "<h2>", "<a href=", "\"", "x y", "`", "*",
                         "|", "<br>", "&nbsp;", "&#0;", "\u{0}", "<nav>", "<main>", "<article>", "<!--", "-->",
                         "<script>", "</script>", " ", "\n", "é", "<em>", "</em>", "<b>", "<div hidden>"]
        var refusedSoup = 0
        for _ in 0..<400 {
            let count = Int(random.next() % 300)
            let html = (0..<count).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined()
            if let content = try? extractor.extract(Array(html.utf8), declaredCharset: nil, url: "https://example.com/",
                                                    options: ExtractionOptions()) {
                expectWellFormed(content)
            } else {
                refusedSoup += 1  // a soup dense with the NUL fragment can look like binary data
            }
        }
        // Truncated UTF-8 sequences aside, text-like input is text: nearly all of it reaches the renderer.
        #expect(refusedText < 20, "\(refusedText) of 200 text-like inputs refused")
        #expect(refusedSoup < 40, "\(refusedSoup) of 400 soups refused")
    }

    @Test func pagesWithoutHeadAndBodyTagsKeepTheirContent() {
        // HTML5 lets a page omit <html>, <head> and <body>; libxml2's HTML4 parser then keeps elements it does not
        // know (main, article, section, custom elements) in the head, where nothing is content.
        for html in ["<title>T</title><main><h1>Harbour</h1><p>Boats moor overnight.</p></main>",
                     "<meta charset=utf-8><title>T</title><article><p>Boats moor overnight.</p></article>",
                     "<title>T</title><section><h2>S</h2>Boats moor overnight.</section>",
                     "<link rel=stylesheet href=a.css><title>T</title><app-root><p>Boats moor overnight.</p></app-root>",
                     "<html><title>T</title><main>Boats moor overnight.</main></html>"] {
            let content = extract(Array(html.utf8))
            #expect(content.text.contains("Boats moor overnight."), "\(html) → \(content.text)")
            #expect(content.title == "T", "\(html)")
        }
    }

    @Test func bodiesThatAreNotTextAreRefusedWithTheReason() throws {
        var random = SplitMix64(seed: 0xBAD_B0D1)
        let noise = (0..<3_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + noise
        for (bytes, charset) in [(noise, nil), (noise, "utf-8"), (png, nil), (noise, "shift_jis")] as [([UInt8], String?)] {
            do {
                let content = try extractor.extract(bytes, declaredCharset: charset, url: "https://example.com/",
                                                    options: ExtractionOptions())
                Issue.record("binary body extracted as \(content.text.prefix(40))")
            } catch {
                #expect(error.message.contains("the body is not text as"), "\(error)")
                #expect(error.message.contains("control characters or undecodable bytes"))
            }
        }
        // Text in any script, with the odd stray control character or bad byte, is text.
        let scripts = "Краулер обходит страницы. 検索のためのクローラー。Ο ανιχνευτής διαβάζει σελίδες. ".repeated(20)
        var page = Array("<html><body><p>\(scripts)</p><p>bell\u{7} and</p></body></html>".utf8)
        page.insert(0xFF, at: 200)  // one undecodable byte
        let content = try extractor.extract(page, declaredCharset: "utf-8", url: "https://example.com/",
                                            options: ExtractionOptions())
        #expect(content.text.contains("Краулер обходит страницы."))
        // A short body is not judged on a couple of stray bytes.
        #expect(try extractor.extract(Array("<p>A\u{1}\u{2}B</p>".utf8), declaredCharset: nil,
                                      url: "https://example.com/", options: ExtractionOptions()).text.hasPrefix("A"))
    }

    @Test func everyTruncationOfAPageExtracts() {
        let page = Array("""
            <html lang="en"><head><title>T</title></head><body><nav>n</nav><main><h1>Head</h1>
            <p>Para <a href="/x">link</a>
            and <code>code</code>.</p><ul><li>one</li><li>two</li></ul><pre>pre
            text</pre><table><tr><td>a</td><td>b</td></tr></table></main></body></html>
            """.utf8)
        for length in 0...page.count {
            expectWellFormed(extract(Array(page[..<length])))
        }
    }

    @Test func hugePageExtractsInTime() {
        var html = "<html><body><main>"
        for index in 0..<20_000 {
            html += "<h2>Section \(index)</h2><p>Paragraph \(index) with <a href=\"/p/\(index)\">a link</a>, "
                + "some <em>emphasis</em> and <code>code_\(index)</code>.</p>\n"
        }
        html += "</main></body></html>"
        let clock = ContinuousClock()
        var content = ExtractedContent(title: nil, language: nil, canonicalURL: nil, markdown: "", text: "")
        let elapsed = clock.measure { content = extract(Array(html.utf8)) }
        #expect(content.markdown.hasSuffix("""
            ## Section 19999

            Paragraph 19999 with [a link](https://example.com/p/19999), some *emphasis* and `code_19999`.
            """))
        print("\(html.utf8.count / 1024) KiB page extracted in \(elapsed)")
        #expect(elapsed < .seconds(30))
    }

    @Test func declaredCharsetAndByteOrderMarkDecide() {
        let latin1: [UInt8] = Array("<p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        #expect(extract(latin1).text == "café")
        #expect(extract(latin1, charset: "iso-8859-1").text == "café")
        let utf8 = Array("<meta charset=\"windows-1252\"><p>naïve</p>".utf8)
        #expect(extract(utf8, charset: "utf-8").text == "naïve")
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("<p>ü</p>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(extract(utf16).text == "ü")
    }

    /// A tenant's `content_xpath` gets a time budget as well as libxml2's step limit: string functions over the whole
    /// document cost one step each and as much time as the page is long, once per element they are evaluated for.
    @Test func anXPathOverItsTimeBudgetSelectsNothingInsteadOfRunningOn() throws {
        let html = Array(("<html><body><main><p>kept words</p></main>" + "<div><p>filler text here</p></div>".repeated(8_000)
                          + "</body></html>").utf8)
        let costly = "//*[translate(string(/),'abcdefghijklmnopqrstuvwxyz','ABCDEFGHIJKLMNOPQRSTUVWXYZ')='x']"
        let clock = ContinuousClock()
        let started = clock.now
        let stalled = try extractor.extract(html, declaredCharset: nil, url: "https://example.com/",
                                            options: ExtractionOptions(contentXPath: costly))
        // Without the budget this runs for minutes; with it, one second and one call past it.
        #expect(clock.now - started < .seconds(5))
        // Selecting nothing, the page is extracted as if no expression had been given.
        #expect(stalled.text.contains("kept words"))
        let plain = try extractor.extract(html, declaredCharset: nil, url: "https://example.com/",
                                          options: ExtractionOptions(contentXPath: "//main"))
        #expect(plain.text == "kept words")
    }

    @Test func concurrentExtractionsAgree() async throws {
        let html = Array("""
            <html lang="en"><body><nav>Menu</nav><article><h1>Title</h1><p>Text with <a href="/a">a link</a>.</p>
            <table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td>2</td></tr></table></article></body></html>
            """.utf8)
        let extractor = extractor
        let options = ExtractionOptions(contentXPath: "//article")
        let expected = try extractor.extract(html, declaredCharset: nil, url: "https://example.com/", options: options)
        let results = await withTaskGroup(of: ExtractedContent?.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    try? extractor.extract(html, declaredCharset: nil, url: "https://example.com/", options: options)
                }
            }
            return await group.reduce(into: [ExtractedContent?]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.markdown.contains("| k | v |"))
    }
}

extension String {
    fileprivate func repeated(_ times: Int) -> String { String(repeating: self, count: times) }
}
