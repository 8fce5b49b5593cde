import Foundation
import Testing
import TrawlCore
import TrawlHTML

struct LibXMLSitemapParserTests {
    private let parser = LibXMLSitemapParser()

    private func parse(_ text: String) throws(SitemapError) -> SitemapDocument {
        try parser.parseSitemap(Array(text.utf8))
    }

    private func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    @Test func readsAURLSetIgnoringExtensionLocsAndTrimming() throws {
        let document = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
              <url><loc>
                  https://example.com/
              </loc><lastmod>2025-01-01</lastmod></url>
              <url><loc>https://example.com/a?x=1&amp;y=2</loc>
                <image:image><image:loc>https://example.com/a.jpg</image:loc></image:image></url>
              <url><loc><![CDATA[https://example.com/cdata]]></loc></url>
              <url><loc>   </loc></url><url><loc/></url><url><lastmod>2025</lastmod></url>
              <loc>https://example.com/stray</loc>
            </urlset>
            """)
        // A date-only <lastmod> is read as the last instant of its day in any time zone: a page changed that day
        // may be newer than a fetch made on it.
        #expect(document.kind == .urlSet)
        #expect(document.locations == ["https://example.com/", "https://example.com/a?x=1&y=2", "https://example.com/cdata"])
        #expect(document.lastModified.map { $0.map { ($0.timeIntervalSince1970 * 1000).rounded() } }
            == [1_735_826_399_999, nil, nil])
    }

    /// sitemaps.org allows 50,000 locations per file; a document of two million costs no more than its first 50,000.
    @Test func readsNoMoreLocationsThanTheLimit() throws {
        let limited = LibXMLSitemapParser(locationLimit: 3)
        let entries = (1...5).map { "<url><loc>http://a.test/\($0)</loc><lastmod>2024-0\($0)-01</lastmod></url>" }
        let xml = try limited.parseSitemap(Array(("<urlset>" + entries.joined() + "</urlset>").utf8))
        #expect(xml.locations == ["http://a.test/1", "http://a.test/2", "http://a.test/3"])
        #expect(xml.lastModified.count == 3 && xml.lastModified.allSatisfy { $0 != nil })
        let text = try limited.parseSitemap(Array((1...5).map { "http://a.test/\($0)\n" }.joined().utf8))
        #expect(text.locations == ["http://a.test/1", "http://a.test/2", "http://a.test/3"])
        let many = "<urlset>" + String(repeating: "<url><loc>x</loc></url>", count: 60_000) + "</urlset>"
        #expect(try parse(many).locations.count == LibXMLSitemapParser.defaultLocationLimit)
    }

    @Test func readsASitemapIndexWithPrefixedNamespace() throws {
        let document = try parse("""
            <sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sm:sitemap><sm:loc>https://example.com/s1.xml.gz</sm:loc></sm:sitemap>
              <sm:sitemap><sm:loc>https://example.com/s2.xml</sm:loc><sm:lastmod>2025</sm:lastmod></sm:sitemap>
              <sm:url><sm:loc>https://example.com/not-a-sitemap</sm:loc></sm:url>
            </sm:sitemapindex>
            """)
        #expect(document.kind == .index)
        #expect(document.locations == ["https://example.com/s1.xml.gz", "https://example.com/s2.xml"])
        #expect(document.lastModified.map { $0.map { ($0.timeIntervalSince1970 * 1000).rounded() } }
            == [nil, 1_767_275_999_999])
    }

    @Test func readsGzipCompressedSitemaps() throws {
        let expected = ["https://example.com/", "https://example.com/a?x=1&y=2", "https://example.com/b"]
        #expect(try parser.parseSitemap(fixture("sitemap.xml.gz")).locations == expected)
        #expect(try parser.parseSitemap(fixture("multi-member.xml.gz")).locations == expected)
    }

    @Test func truncatedOrDamagedGzipIsCorrupt() throws {
        let gzip = try fixture("sitemap.xml.gz")
        #expect(throws: SitemapError.corruptGzip) { try parser.parseSitemap(Array(gzip.prefix(gzip.count / 2))) }
        var damaged = gzip
        for index in 20..<40 { damaged[index] ^= 0x5A }
        #expect(throws: SitemapError.corruptGzip) { try parser.parseSitemap(damaged) }
        #expect(throws: SitemapError.corruptGzip) { try parser.parseSitemap([0x1F, 0x8B]) }
        #expect(throws: SitemapError.corruptGzip) { try parser.parseSitemap(gzip + Array("trailing junk".utf8)) }
    }

    @Test func gzipBombStopsAtTheLimitQuickly() throws {
        let bomb = try fixture("bomb-60MiB.xml.gz")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(throws: SitemapError.tooLarge(LibXMLSitemapParser.defaultSizeLimit)) { try parser.parseSitemap(bomb) }
        }
        #expect(elapsed < .seconds(5))
    }

    @Test func sizeLimitAppliesToUncompressedBodiesToo() {
        let small = LibXMLSitemapParser(sizeLimit: 64)
        let body = Array(("<urlset>" + String(repeating: " ", count: 100) + "</urlset>").utf8)
        #expect(throws: SitemapError.tooLarge(64)) { try small.parseSitemap(body) }
    }

    @Test func readsPlainTextSitemaps() throws {
        let body: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(
            "https://example.com/a\r\n  https://example.com/b  \n\n# comment\nftp://example.com/c\nHTTP://EXAMPLE.COM/D\n".utf8)
        #expect(try parser.parseSitemap(body) == SitemapDocument(kind: .urlSet, locations: [
            "https://example.com/a", "https://example.com/b", "HTTP://EXAMPLE.COM/D",
        ]))
    }

    @Test func readsUTF16SitemapsThatCarryAByteOrderMark() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><urlset><url><loc>https://example.com/ü</loc></url></urlset>"
        let body: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try parser.parseSitemap(body).locations == ["https://example.com/ü"])
    }

    @Test func rejectsGarbageWithAClearMessage() {
        #expect(throws: SitemapError.notASitemap("the body is empty")) { try parse(" \n ") }
        #expect(throws: SitemapError.notASitemap("the root element is <html>, not <urlset> or <sitemapindex>")) {
            try parse("<html><body><a href='/'>home</a></body></html>")
        }
        #expect(throws: SitemapError.notASitemap("the root element is <rss>, not <urlset> or <sitemapindex>")) {
            try parse("<rss><channel><item><link>https://x/</link></item></channel></rss>")
        }
        #expect(throws: SitemapError.notASitemap("the body is neither XML nor a list of http(s) URLs, one per line")) {
            try parse("just some words\nand more")
        }
        #expect(throws: SitemapError.notASitemap("the body is binary data, neither XML nor a list of URLs")) {
            try parser.parseSitemap([0x00, 0x01, 0x02, 0xFF])
        }
    }

    @Test(arguments: ["<?xml version='1.0'?>\n<<urlset>", "<?xml version='1.0'?>\n<!-- no root -->"])
    func malformedXMLBeforeTheRootReportsLibxmlsMessage(xml: String) throws {
        let error = try #require(throws: SitemapError.self) { try parse(xml) }
        guard case .notASitemap(let reason) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(reason.hasPrefix("not well-formed XML (line 2: "))
    }

    @Test func truncatedXMLKeepsTheLocationsReadSoFar() throws {
        let document = try parse("<urlset><url><loc>https://a/</loc></url><url><loc>https://b/</lo")
        #expect(document == SitemapDocument(kind: .urlSet, locations: ["https://a/"]))
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let document = try parse("""
            <?xml version="1.0"?>
            <!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
            <urlset><url><loc>&xxe;</loc></url><url><loc>https://safe/</loc></url></urlset>
            """)
        #expect(document.locations == ["https://safe/"])
    }

    @Test func entityExpansionBombsFailFast() {
        var entities = "<!ENTITY l0 \"lol\">"
        for level in 1...10 {
            entities += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE urlset [\(entities)]><urlset><url><loc>&l10;</loc></url></urlset>"
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let document = try? parse(xml)
            #expect(document?.locations.isEmpty ?? true)
        }
        // Expanded, the bomb is 10^10 copies: any bound that a loaded machine cannot miss proves it was refused.
        #expect(elapsed < .seconds(10))
    }

    @Test func randomBytesAreRejectedNotCrashed() {
        var random = SplitMix64(seed: 7)
        for round in 0..<200 {
            var body = (0..<Int(random.next() % 4_000)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if round % 3 == 0 { body.insert(UInt8(ascii: "<"), at: 0) }
            if round % 3 == 1 { body = [0x1F, 0x8B] + body }
            _ = try? parser.parseSitemap(body)
        }
    }

    @Test func errorsDescribeThemselves() {
        #expect(SitemapError.corruptGzip.description == "sitemap is gzip-compressed but the data is corrupt or truncated")
        #expect(SitemapError.tooLarge(52_428_800).description == "sitemap is larger than the limit of 50 MiB once decompressed")
        #expect(SitemapError.tooLarge(1000).description == "sitemap is larger than the limit of 1000 bytes once decompressed")
        #expect(SitemapError.notASitemap("x").description == "not a sitemap: x")
        #expect(SitemapError.notASitemap("the body is empty").description == "not a sitemap: the body is empty")
    }
}
