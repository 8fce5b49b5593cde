import Testing
import TrawlCore
import TrawlHTML

/// Garbage, truncation, size and concurrency: the parser must always return, and quickly.
struct LibXMLHTMLParserRobustnessTests {
    private let parser = LibXMLHTMLParser()

    private static let samplePage = """
        <!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Grüße &amp; mehr</title>
        <meta name="robots" content="noindex"><link rel="canonical" href="/kanon"><base href="/b/">
        <script>if (a < b && c > d) { document.write("<a href='/js'>") }</script><style>a{}</style></head>
        <body><!-- comment --><h1>Überschrift</h1><p>Text mit <a href="/eins" rel="nofollow">Link</a> und
        <a href='/zwei'>noch einem</a>.</p><table><tr><td>Zelle</td><td>☺</td></tr></table>
        <iframe src="/frame"></iframe><![CDATA[ odd ]]><p>Ende</p></body></html>
        """

    /// Output that any input must satisfy.
    private func expectWellFormed(_ page: ParsedHTML) {
        #expect(page.links.allSatisfy { !$0.href.isEmpty && $0.href.first?.isWhitespace == false })
        #expect(!page.text.contains("\n\n"))
        #expect(page.text.first?.isWhitespace != true && page.text.last?.isWhitespace != true)
        #expect(!page.charset.isEmpty)
    }

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 0x7261_776C)
        let charsets: [String?] = [nil, "utf-8", "shift_jis", "utf-16", "windows-1252", "euc-kr", "gb18030"]
        for round in 0..<300 {
            let length = Int(random.next() % 20_000)
            let body = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            expectWellFormed(parser.parse(body, declaredCharset: charsets[round % charsets.count], productToken: "Trawl"))
        }
    }

    @Test func markupSoupNeverCrashes() {
        // Random sequences of markup fragments hit far more parser states than uniform random bytes.
        let fragments = ["<", ">", "</", "<a href=", "\"", "'", "<p>", "<table>", "<td>", "<!--", "-->", "<script>",
                         "</script>", "<![CDATA[", "&amp", "&#x", ";", "<meta charset=", "sjis", "<base href=/x>",
                         "<svg>", "<title>", "\u{0}", "é", "\u{FFFF}", " ", "\n", "<frame src=", "<iframe", "rel=nofollow"]
        var random = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let count = Int(random.next() % 400)
            let html = (0..<count).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined()
            expectWellFormed(parser.parse(Array(html.utf8), declaredCharset: nil, productToken: "Trawl"))
        }
    }

    @Test func everyTruncationOfAPageParses() {
        let full = Array(Self.samplePage.utf8)
        let complete = parser.parse(full, declaredCharset: nil, productToken: "Trawl")
        #expect(complete.links.map(\.href) == ["/eins", "/zwei", "/frame"])
        #expect(complete.title == "Grüße & mehr")
        for length in 0..<full.count {
            let page = parser.parse(Array(full[..<length]), declaredCharset: nil, productToken: "Trawl")
            expectWellFormed(page)
            // A cut can only lose links, never invent them.
            #expect(page.links.count <= complete.links.count)
        }
    }

    @Test func truncatedMultibyteEncodingsParse() {
        let body: [UInt8] = Array("<p>".utf8) + [0x93, 0xFA, 0x96, 0x7B, 0x8C]
        let page = parser.parse(body, declaredCharset: "shift_jis", productToken: "Trawl")
        #expect(page.text == "日本\u{FFFD}")
        let odd = parser.parse([0xFF, 0xFE, 0x3C, 0x00, 0x70, 0x00, 0x3E, 0x00, 0x41], declaredCharset: nil, productToken: "")
        #expect(odd.text == "\u{FFFD}")
    }

    @Test func absurdNestingIsBoundedAndFast() {
        let html = String(repeating: "<div><span>", count: 100_000) + "deep" + "<a href=/x>x</a>"
        let clock = ContinuousClock()
        var page = ParsedHTML()
        let elapsed = clock.measure {
            page = parser.parse(Array(html.utf8), declaredCharset: nil, productToken: "Trawl")
        }
        expectWellFormed(page)
        #expect(elapsed < .seconds(10))
    }

    @Test func unterminatedConstructsParse() {
        for html in ["<script>never closed", "<!-- never closed <a href=/x>", "<a href=\"/unterminated",
                     "<title>open", "<textarea><a href=/t>", "<p " + String(repeating: "x=1 ", count: 50_000)] {
            expectWellFormed(parser.parse(Array(html.utf8), declaredCharset: nil, productToken: "Trawl"))
        }
    }

    @Test func fiveMegabytePageWithAHundredThousandLinks() {
        var html = "<html><head><title>Big</title></head><body>"
        for index in 0..<100_000 {
            html += "<p>Item \(index) <a href=\"/items/\(index)?ref=list\">item \(index)</a></p>\n"
        }
        html += "</body></html>"
        let body = Array(html.utf8)
        #expect(body.count > 5_000_000)
        let clock = ContinuousClock()
        var page = ParsedHTML()
        let elapsed = clock.measure {
            page = parser.parse(body, declaredCharset: nil, productToken: "Trawl")
        }
        #expect(page.links.count == 100_000)
        #expect(page.links.last?.href == "/items/99999?ref=list")
        #expect(page.text.hasSuffix("Item 99999 item 99999"))
        print("5 MB page with 100k links parsed in \(elapsed)")
        #expect(elapsed < .seconds(20))
    }

    @Test func concurrentParsesAgree() async {
        let body = Array(Self.samplePage.utf8)
        let expected = parser.parse(body, declaredCharset: nil, productToken: "Trawl")
        let parser = parser
        let results = await withTaskGroup(of: ParsedHTML.self) { group in
            for _ in 0..<64 {
                group.addTask { parser.parse(body, declaredCharset: nil, productToken: "Trawl") }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 == expected })
    }
}

/// A tiny seedable generator so that fuzz runs are reproducible (the system generator cannot be seeded).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
