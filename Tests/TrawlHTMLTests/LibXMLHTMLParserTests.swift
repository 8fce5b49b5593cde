import Testing
import TrawlCore
@testable import TrawlHTML

/// Links and page metadata.
struct LibXMLHTMLParserTests {
    private func parse(_ html: String, productToken: String = "Trawl") -> ParsedHTML {
        LibXMLHTMLParser().parse(Array(html.utf8), declaredCharset: "utf-8", productToken: productToken)
    }

    @Test func collectsAllFourLinkKindsInDocumentOrderKeepingDuplicates() {
        let page = parse("""
            <html><body>
            <a href="/one">1</a>
            <map name="m"><area href="/area" shape="rect" coords="0,0,1,1"></map>
            <iframe src="/iframe"></iframe>
            <a href="/one">again</a>
            </body></html>
            """)
        #expect(page.links == [
            HTMLLink(href: "/one", kind: .anchor),
            HTMLLink(href: "/area", kind: .area),
            HTMLLink(href: "/iframe", kind: .iframe),
            HTMLLink(href: "/one", kind: .anchor),
        ])
    }

    @Test func collectsFramesOfAFrameset() {
        let page = parse("""
            <html><frameset cols="50%,50%"><frame src="left.html"><frame src=" right.html "></frameset></html>
            """)
        #expect(page.links == [HTMLLink(href: "left.html", kind: .frame), HTMLLink(href: "right.html", kind: .frame)])
    }

    @Test func trimsHrefsAndSkipsMissingOrBlankOnes() {
        let page = parse("""
            <a href="  \t/padded\n ">p</a><a>no href</a><a href="">empty</a><a href="   ">blank</a><a href>bare</a>
            <a name="x" href="/inner space">s</a>
            """)
        #expect(page.links.map(\.href) == ["/padded", "/inner space"])
    }

    @Test func decodesEntitiesInAttributes() {
        let page = parse(#"<a href="/search?q=a&amp;page=2&#x26;x=&quot;y&quot;">s</a>"#)
        #expect(page.links.map(\.href) == [#"/search?q=a&page=2&x="y""#])
    }

    @Test func relNofollowIsATokenMatchedWithoutCase() {
        let page = parse("""
            <a href="/a" rel="nofollow">a</a>
            <a href="/b" rel="noopener NoFollow">b</a>
            <a href="/c" rel="nofollowing">c</a>
            <a href="/d" rel="external">d</a>
            <area href="/e" rel=" nofollow ">
            """)
        #expect(page.links.map(\.nofollow) == [true, true, false, false, true])
    }

    @Test func metaRobotsNofollowMarksEveryLinkEvenWhenItComesLast() {
        let page = parse("""
            <html><body><a href="/a">a</a><iframe src="/f"></iframe>
            <meta name="robots" content="nofollow"></body></html>
            """)
        #expect(page.metaRobots == MetaRobots(noindex: false, nofollow: true))
        #expect(page.links.allSatisfy { $0.nofollow })
        #expect(page.links.count == 2)
    }

    @Test func metaRobotsDirectivesCombineAcrossTagsAndCountOurProductToken() {
        let page = parse("""
            <head><meta name="ROBOTS" content="noindex"><meta name="trawl" content="nofollow">
            <meta name="otherbot" content="none"></head><a href="/x">x</a>
            """)
        #expect(page.metaRobots == MetaRobots(noindex: true, nofollow: true))
        #expect(page.links == [HTMLLink(href: "/x", kind: .anchor, nofollow: true)])
    }

    @Test func metaForOtherRobotsIsIgnored() {
        let page = parse(#"<meta name="googlebot" content="none"><a href="/x">x</a>"#)
        #expect(page.metaRobots == MetaRobots())
        #expect(page.links == [HTMLLink(href: "/x", kind: .anchor, nofollow: false)])
    }

    @Test func metaRobotsNoneMeansNoindexAndNofollow() {
        #expect(parse(#"<meta name="robots" content="NONE">"#).metaRobots == MetaRobots(noindex: true, nofollow: true))
    }

    @Test func readsBaseCanonicalLanguageAndTitle() {
        let page = parse("""
            <!DOCTYPE html><html lang=" en-GB "><head>
            <title>  The   quiet
              page </title>
            <base href=" https://cdn.example/base/ "><base href="/second/">
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate Canonical" href=" https://example.com/page ">
            <link rel="canonical" href="https://example.com/other">
            </head><body></body></html>
            """)
        #expect(page.title == "The quiet page")
        #expect(page.baseHref == "https://cdn.example/base/")
        #expect(page.canonical == "https://example.com/page")
        #expect(page.language == "en-GB")
    }

    @Test func missingOrBlankMetadataIsNil() {
        let page = parse("<html lang=''><head><title> \n </title><base target=_blank></head><p>x</p></html>")
        #expect(page.title == nil)
        #expect(page.baseHref == nil)
        #expect(page.canonical == nil)
        #expect(page.language == nil)
        #expect(page.refresh == nil)
    }

    @Test func titleInsideSVGIsATooltipNotThePageTitle() {
        let page = parse("<body><svg><title>icon</title></svg><title>Real</title></body>")
        #expect(page.title == "Real")
    }

    @Test func readsTheFirstRefreshThatNamesAURL() {
        let page = parse("""
            <meta http-equiv="Refresh" content="30">
            <meta http-equiv="refresh" content="5; URL='/next?a=1'">
            <meta http-equiv="refresh" content="0; url=/later">
            """)
        #expect(page.refresh == "/next?a=1")
    }

    @Test func linksInsideNoscriptAndTemplateCountButScriptContentIsNotMarkup() {
        let page = parse("""
            <noscript><a href="/noscript">n</a></noscript>
            <template><a href="/template">t</a></template>
            <script>document.write('<a href="/script">s</a>')</script>
            <svg><a href="/svg">v</a></svg>
            """)
        #expect(page.links.map(\.href) == ["/noscript", "/template", "/svg"])
    }

    @Test func productTokenMatchesWithoutCaseAndAnEmptyTokenMatchesNothing() {
        let html = #"<meta name="TRAWL" content="noindex"><meta name="" content="nofollow">"#
        #expect(parse(html, productToken: "trawl").metaRobots == MetaRobots(noindex: true, nofollow: false))
        #expect(parse(html, productToken: "").metaRobots == MetaRobots())
    }

    @Test func emptyBodyGivesAnEmptyResult() {
        let page = LibXMLHTMLParser().parse([], declaredCharset: nil, productToken: "Trawl")
        #expect(page == ParsedHTML(charset: "UTF-8"))
    }
}

@Suite struct LibXMLHTMLParserTextOptionTests {
    @Test func skippingTextKeepsLinksAndMetadata() {
        let html = Array("<html lang=de><title>T</title><body><p>Hello <a href=/x>x</a></p><meta name=robots content=noindex></body></html>".utf8)
        let lean = LibXMLHTMLParser().parse(html, declaredCharset: nil, productToken: "trawl", extractText: false)
        let full = LibXMLHTMLParser().parse(html, declaredCharset: nil, productToken: "trawl")
        #expect(lean.text.isEmpty)
        #expect(full.text == "Hello x")
        #expect(lean.links == full.links)
        #expect(lean.title == "T" && lean.language == "de" && lean.metaRobots.noindex)
    }
}
