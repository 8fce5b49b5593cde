import Testing
import TrawlCore
import TrawlHTML

/// Pages built to stall libxml2 stop at their budget, keep what came before, and say which limit they hit; honest
/// pages, big ones included, never notice the budget.
struct ParseBudgetTests {
    private let parser = LibXMLHTMLParser()
    private let clock = ContinuousClock()

    private func parse(_ html: String, with parser: LibXMLHTMLParser? = nil) -> (ParsedHTML, Duration) {
        var page = ParsedHTML()
        let elapsed = clock.measure {
            page = (parser ?? self.parser).parse(Array(html.utf8), declaredCharset: nil, productToken: "Trawl",
                                                 extractText: true)
        }
        return (page, elapsed)
    }

    /// The page from the report: ~400k open `<div>`s, then ~1.5M `</i>` that match nothing. Each unmatched end tag
    /// costs libxml2 a scan of every open element; unbudgeted, this pinned a core for minutes.
    @Test func unmatchedEndTagsUnderDeepNestingStopAtTheDepthLimit() {
        let html = "<a href=/before>before</a>" + String(repeating: "<div>", count: 400_000)
            + String(repeating: "</i>", count: 1_500_000)
        let (page, elapsed) = parse(html)
        #expect(page.exceeded == .depth)
        #expect(page.links.map(\.href) == ["/before"])
        #expect(elapsed < .seconds(3))
    }

    /// Within the depth limit, the unmatched end tags themselves run into the error limit.
    @Test func unmatchedEndTagsAtTheDepthLimitStopAtTheErrorLimit() {
        let html = "<a href=/before>before</a>" + String(repeating: "<div>", count: 1_990)
            + String(repeating: "</i>", count: 1_500_000) + "<a href=/after>after</a>"
        let (page, elapsed) = parse(html)
        #expect(page.exceeded == .errors)
        #expect(page.links.map(\.href) == ["/before"])
        #expect(elapsed < .seconds(3))
    }

    /// One tag with 200,000 distinct attributes: 2·10¹⁰ name comparisons inside libxml2, with no callback between.
    @Test func aTagWithTooManyAttributesEndsThePageBeforeIt() {
        let attributes = (0..<200_000).map { "a\($0)" }.joined(separator: " ")
        let html = "<p>kept <a href=/before>before</a></p><p \(attributes)>lost</p><a href=/after>after</a>"
        let (page, elapsed) = parse(html)
        #expect(page.exceeded == .attributes)
        #expect(page.links.map(\.href) == ["/before"])
        #expect(page.text == "kept before")
        #expect(elapsed < .seconds(2))
    }

    @Test func attributesInsideScriptsCommentsAndQuotesAreNotCounted() {
        let many = (0..<1_000).map { "a\($0)" }.joined(separator: " ")
        let html = "<script>if (x <y \(many)) {}</script><!-- <p \(many)> -->"
            + "<p title=\"<b \(many)>\">text</p><a href=/after>after</a>"
        let (page, _) = parse(html)
        #expect(page.exceeded == nil)
        #expect(page.links.map(\.href) == ["/after"])
    }

    @Test func theClockStopsAPageThatIsSlowForAnyReason() {
        let html = String(repeating: "<p>Item <a href=/x>x</a></p>\n", count: 200_000)
        let tight = LibXMLHTMLParser(budget: ParseBudget(cpuTime: .milliseconds(5)))
        let (page, elapsed) = parse(html, with: tight)
        #expect(page.exceeded == .time)
        #expect(page.links.count < 200_000)
        #expect(elapsed < .seconds(2))
    }

    @Test func theElementLimitStopsAFloodOfElements() {
        let html = String(repeating: "<b></b>", count: 50_000) + "<a href=/after>after</a>"
        let (page, _) = parse(html, with: LibXMLHTMLParser(budget: ParseBudget(maxElements: 10_000)))
        #expect(page.exceeded == .elements)
        #expect(page.links.isEmpty)
    }

    /// A big honest page, in many chunks, multibyte characters straddling every boundary: all of it, exactly.
    @Test func aBigHonestPageParsesWholeAcrossChunks() {
        var html = "<html><head><title>Große Seite</title></head><body>"
        for index in 0..<20_000 {
            html += "<p>Eintrag \(index) € <a href=\"/items/\(index)\">Ware \(index)</a></p>\n"
        }
        // A run with no '>' and no ASCII byte at all, longer than a chunk.
        html += "<p>" + String(repeating: "€", count: 100_000) + "</p></body></html>"
        let (page, _) = parse(html)
        #expect(page.exceeded == nil)
        #expect(page.title == "Große Seite")
        #expect(page.links.count == 20_000)
        #expect(page.links.last?.href == "/items/19999")
        #expect(page.text.hasSuffix(String(repeating: "€", count: 100_000)))
        #expect(page.charset == "UTF-8")
    }

    /// Places where a scan that read markup differently from libxml2 would miss a flooded tag: a comment that libxml2
    /// ends at `--!>`, a "quoted value" opened inside a processing instruction, and a script end tag spelled with a
    /// byte that case folding would mistake for `/`.
    @Test(arguments: ["<!-- --!>", "<?x <b c=\"?>", "<script><\u{0F}script><a b=\"</script>"])
    func floodsHiddenFromADifferentReadingOfTheMarkupAreStillFound(_ cover: String) {
        let attributes = (0..<200_000).map { "a\($0)" }.joined(separator: " ")
        let html = "<a href=/before>before</a>" + cover + "<p \(attributes)>x</p>\">-->"
        let (page, elapsed) = parse(html)
        #expect(page.exceeded == .attributes)
        #expect(elapsed < .seconds(3))
    }

    /// A page whose very first tag is the flood has no tree at all, and must still fail as over budget.
    @Test func aFloodAtTheFirstByteFailsExtraction() {
        let attributes = (0..<2_000).map { "a\($0)" }.joined(separator: " ")
        #expect(throws: ExtractionError.self) {
            try LibXMLContentExtractor().extract(Array("<p \(attributes)>x</p>".utf8), declaredCharset: nil,
                                                 url: "https://example.com/", options: ExtractionOptions())
        }
    }
}
