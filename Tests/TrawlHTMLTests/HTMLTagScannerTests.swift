import Foundation
import Testing
import TrawlCore
@testable import TrawlHTML

/// The crawl's tag scanner against libxml2's SAX parse, which it replaced on the crawl path: on real pages (the
/// Python documentation Debian ships, which the conformance and search benchmarks crawl too) and on markup chosen to
/// probe each rule they share, both must find the same links, title and metadata. Where the two differ by design
/// (libxml2's costs the scanner does not have), the test says so.
@Suite struct HTMLTagScannerTests {
    static let parser = LibXMLHTMLParser()

    /// Both readings of `html`, links and metadata only.
    static func both(_ html: String) -> (scanner: ParsedHTML, libxml2: ParsedHTML) {
        both(Array(html.utf8))
    }

    static func both(_ bytes: [UInt8]) -> (scanner: ParsedHTML, libxml2: ParsedHTML) {
        let scanned = parser.parse(bytes, declaredCharset: "utf-8", productToken: "trawl", extractText: false)
        let parsed = parser.parseWithLibXML(bytes, charset: "UTF-8", productToken: "trawl", extractText: false)
        return (scanned, parsed)
    }

    static let pythonDocs = URL(fileURLWithPath: "/usr/share/doc/python3.11/html")

    @Test func theScannerAgreesWithLibXMLOnEveryPageOfThePythonDocs() throws {
        // `scripts/setup --test` installs them; a machine without them skips only this corpus.
        guard let pages = FileManager.default.enumerator(at: Self.pythonDocs, includingPropertiesForKeys: nil) else { return }
        var compared = 0
        for case let url as URL in pages where url.pathExtension == "html" {
            let (scanner, libxml2) = Self.both(Array(try Data(contentsOf: url)))
            #expect(scanner == libxml2, "\(url.path)")
            compared += 1
        }
        if FileManager.default.fileExists(atPath: Self.pythonDocs.path) { #expect(compared > 400) }
    }

    /// Markup probing one rule each; both parsers must read it alike.
    static let probes: [String] = [
        // Links of every kind, rel tokens, nofollow from rel and from meta robots.
        #"<a href="/a">A</a><area href="/b"><frame src="/c"><iframe src="/d"></iframe><a href=" /e ">E</a>"#,
        #"<a rel="NoFollow noopener" href="/x">x</a><a href="/y" rel=nofollow>y</a><a>no href</a><a href="">empty</a>"#,
        #"<meta name="robots" content="noindex, nofollow"><a href="/z">z</a>"#,
        #"<meta name="TRAWL" content="nofollow"><a href="/z">z</a><meta name="other" content="noindex">"#,
        // Attribute syntax: quotes, bare values, blanks around `=`, upper case, repeats (the first counts).
        #"<A HREF='/single'>s</A><a href = "/spaced" >t</a><a href=/bare/path?q=1>b</a><a href="/1" href="/2">r</a>"#,
        #"<a title="a > b" href="/after-gt">x</a><a data-x='"' href="/after-quote">y</a>"#,
        #"<a href="/one"title="glued">g</a><a foo bar href="/bare-attributes">h</a><a ="/bogus" href="/ok">i</a>"#,
        // Character references: named (known and not), numeric, without `;`, in values and in the title.
        #"<title>Caf&eacute; &amp; &lt;b&gt; &#233;&#xE9; &nbsp;x &copy &bogus;</title><a href="/q?a=1&amp;b=2&c=3&copy=4&#38;d">q</a>"#,
        #"<a href="&#x2F;hex&#47;dec&#65">r</a><a href="&lt;&gt&quot;&apos;">s</a>"#,
        // Base, canonical, refresh, language, the first of each.
        #"<html lang=" en-GB "><head><base href="/base/"><base href="/second/"><link rel="Canonical" href="/canon"><link rel=canonical href="/later">"#
            + #"<meta http-equiv="Refresh" content="5; url=/next"><meta http-equiv="refresh" content="1;url=/other">"#,
        #"<html><html lang="fr"><a href="/x">x</a>"#,
        // Titles: the first, not an SVG one, blank, entities, whitespace, tags inside, unclosed.
        #"<svg><title>tooltip</title></svg><title>  Real   title </title><title>second</title>"#,
        #"<title></title><title>after blank</title>"#,
        "<title>line\none\ttab</title>",
        #"<title>unclosed <a href="/inside">x</a>"#,
        #"<head><title>Head</title></head><body><a href="/b">b</a></body>"#,
        // Comments, scripts and styles hide markup; their end tags end them in any case.
        #"<!-- <a href="/commented">x</a> --><a href="/visible">v</a><!----><a href="/after-empty">e</a>"#,
        #"<script>document.write('<a href="/scripted">x</a>')</script><a href="/after-script">y</a>"#,
        #"<SCRIPT type="text/javascript">if (a < b) { x = "</div>"; }</SCRIPT ><a href="/after-upper">z</a>"#,
        #"<style>a[href="/styled"] { color: red }</style><a href="/after-style">s</a>"#,
        #"<script src="/s.js"/><a href="/after-self-closed">x</a>"#,
        // Doctype, processing instructions, stray `<`, unterminated things.
        #"<!DOCTYPE html><?xml version="1.0"?><p>1 < 2 and 3 <4</p><a href="/lt">lt</a>"#,
        #"<a href="/unterminated-quote>never closed"#,
        #"<!-- never closed <a href="/x">"#,
        #"<a href="/cut"#,
        // Comment ends libxml2 also accepts; `<!` that opens nothing; a script's look-alike end tag; a blank title.
        #"<p><!-- x --!><a href="/after-bang">x</a><!x <a href="/after-bogus-bang">y</a>"#,
        #"<p><![CDATA[<a href="/in-cdata">]]></p><!doctype html><a href="/after-doctype">d</a>"#,
        #"<script>var s = "</scripts>"; var t = "<meta name=robots content=nofollow>";</script><a href=/after>a</a>"#,
        "<title/><title>Real</title><a href=\"/t\">t</a>",
        // Form feed is not a blank to libxml2.
        "<a\u{0C}href=/ff>f</a><a href=/plain>p</a>",
        // Names with punctuation, namespaces, unknown elements.
        #"<x:a href="/ns">n</x:a><my-widget href="/custom"></my-widget><a:b href="/ab">ab</a:b>"#,
    ]

    @Test(arguments: probes)
    func theScannerReadsEachProbeAsLibXMLDoes(_ html: String) {
        let (scanner, libxml2) = Self.both(html)
        #expect(scanner == libxml2)
    }

    /// What the probes' readings are, so that the two cannot agree on something wrong.
    @Test func theProbesReadAsABrowserWould() {
        let links = Self.both(Self.probes[0]).scanner.links
        #expect(links.map(\.href) == ["/a", "/b", "/c", "/d", "/e"])
        #expect(links.map(\.kind) == [.anchor, .area, .frame, .iframe, .anchor])
        #expect(Self.both(Self.probes[1]).scanner.links.map(\.nofollow) == [true, true])
        #expect(Self.both(Self.probes[2]).scanner.links.allSatisfy { $0.nofollow })
        #expect(Self.both(Self.probes[4]).scanner.links.map(\.href) == ["/single", "/spaced", "/bare/path?q=1", "/1"])
        let references = Self.both(Self.probes[7]).scanner
        #expect(references.title == "Café & <b> éé x &copy &bogus;")
        #expect(references.links.map(\.href) == ["/q?a=1&b=2&c=3&copy=4&d"])
        let head = Self.both(Self.probes[9]).scanner
        #expect(head.baseHref == "/base/" && head.canonical == "/canon" && head.refresh == "/next" && head.language == "en-GB")
        #expect(Self.both(Self.probes[11]).scanner.title == "Real title")
        #expect(Self.both(Self.probes[16]).scanner.links.map(\.href) == ["/visible", "/after-empty"])
        #expect(Self.both(Self.probes[17]).scanner.links.map(\.href) == ["/after-script"])
    }

    @Test func numbersThatNameNoCharacterReadAsInBrowsersWhereLibXMLCutsTheValue() {
        let (scanner, libxml2) = Self.both(#"<a href="/a&#x110000;b&#0;c&#;d&#x;e">r</a>"#)
        #expect(scanner.links.map(\.href) == ["/a\u{FFFD}b\u{FFFD}c&#;d&#x;e"])
        #expect(libxml2.links.map(\.href) == ["/a"])
    }

    @Test func everyNameInLibXMLsTableIsKnown() {
        // HTML 4's 253 names, all reached through libxml2's value lookup.
        #expect(CharacterReferences.table.count == 253)
    }

    /// Where the scanner reads a page as browsers do and libxml2 does not, by decision.
    @Test func contentAfterTheEndOfTheDocumentIsReadAsBrowsersReadIt() {
        let html = #"<html><body><a href="/in">i</a></body></html><a href="/late">l</a>"#
        let (scanner, libxml2) = Self.both(html)
        #expect(scanner.links.map(\.href) == ["/in", "/late"])
        #expect(libxml2.links.map(\.href) == ["/in"])
    }

    @Test func referencesAndTitlesCannotHoldTheScannerOrItsMemory() {
        // Unknown names cost a table lookup each (libxml2's own lookup walks all 253 entries per miss).
        let references = "<title>" + String(repeating: "&a;&zz;&amp;", count: 400_000) + "</title><a href=\""
            + String(repeating: "&q;", count: 400_000) + "/x\">x</a>"
        let clock = ContinuousClock()
        var page = ParsedHTML()
        let elapsed = clock.measure {
            page = Self.parser.parse(Array(references.utf8), declaredCharset: "utf-8", productToken: "trawl", extractText: false)
        }
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        // The title is kept to 64 KiB of the page's bytes.
        #expect((page.title?.utf8.count ?? 0) <= 64 << 10 && (page.title?.utf8.count ?? 0) > 10_000)
        #expect(page.links.count == 1)
        // And the clock is read in long runs of text, not only at tags.
        let text = Array(("<p>" + String(repeating: "words and more words ", count: 500_000) + "<a href=/x>x</a>").utf8)
        let timed = LibXMLHTMLParser(budget: ParseBudget(cpuTime: .zero))
            .parse(text, declaredCharset: "utf-8", productToken: "trawl", extractText: false)
        #expect(timed.exceeded == .time && timed.links.isEmpty)
    }

    @Test func noInputMakesTheScannerSlowerThanLinear() {
        // libxml2's worst cases: unmatched end tags under deep nesting, and a tag with many attributes. The scanner
        // keeps no element stack and compares no attribute names with each other.
        let nested = String(repeating: "<div>", count: 200_000) + String(repeating: "</i>", count: 400_000)
        let attributes = "<a " + (0..<200_000).map { "a\($0)=\"\($0)\"" }.joined(separator: " ") + " href=\"/x\">"
        for html in [nested, attributes] {
            let clock = ContinuousClock()
            var page = ParsedHTML()
            let elapsed = clock.measure {
                page = Self.parser.parse(Array(html.utf8), declaredCharset: "utf-8", productToken: "trawl", extractText: false)
            }
            #expect(page.exceeded == nil)
            #expect(elapsed < .seconds(1), "\(html.count) bytes took \(elapsed)")
        }
    }

    @Test func theBudgetStillStopsAFloodOfElementsAndASlowPage() {
        let flood = Array(String(repeating: "<b><a href=\"/x\">x</a></b>", count: 20_000).utf8)
        let counted = LibXMLHTMLParser(budget: ParseBudget(maxElements: 1_000))
            .parse(flood, declaredCharset: "utf-8", productToken: "trawl", extractText: false)
        #expect(counted.exceeded == .elements)
        #expect(counted.links.count < 1_000 && !counted.links.isEmpty)
        let timed = LibXMLHTMLParser(budget: ParseBudget(cpuTime: .zero))
            .parse(flood, declaredCharset: "utf-8", productToken: "trawl", extractText: false)
        #expect(timed.exceeded == .time)
    }
}
