import Foundation
import Testing
import TrawlCore
import TrawlHTML

/// Main-content extraction: boilerplate removed, content kept, Markdown and text exact on small pages, and any
/// input survived.
struct LibXMLContentExtractorTests {
    private let extractor = LibXMLContentExtractor()

    private func extract(_ html: String, url: String = "https://example.com/docs/page",
                         options: ExtractionOptions = ExtractionOptions()) -> ExtractedContent {
        extractor.expectingText(Array(html.utf8), url: url, options: options)
    }

    private func markdown(ofBody body: String) -> String {
        extract("<html><body>\(body)</body></html>").markdown
    }

    private func fixture(_ name: String, url: String, options: ExtractionOptions = ExtractionOptions()) throws
        -> ExtractedContent {
        let file = try #require(Bundle.module.url(forResource: name, withExtension: "html",
                                                  subdirectory: "Fixtures/extraction"))
        return try extractor.extract(Array(try Data(contentsOf: file)), declaredCharset: nil, url: url, options: options)
    }

    // MARK: - Fixture pages

    @Test func docsPageKeepsTheGuideAndDropsItsChrome() throws {
        let page = try fixture("docs-page", url: "https://docs.example.com/docs/guides/cache")
        #expect(page.title == "Configuring the cache | Driftwood Docs")
        #expect(page.language == "en-gb")
        #expect(page.canonicalURL == "https://docs.example.com/docs/guides/cache")
        #expect(page.markdown.hasPrefix("# Configuring the cache\n\nDriftwood keeps a **write-through cache**"))
        for kept in ["## Sizing the cache", "```yaml\ncache:\n  max_bytes: 2GiB\n  eviction: lru\n```",
                     "Entries larger than `cache.max_entry` bypass the cache entirely.",
                     "- `cache_hits_total`: requests answered from memory.\n- `cache_misses_total`",
                     "See [the metrics reference](https://docs.example.com/docs/reference/metrics#cache) for the full"] {
            #expect(page.markdown.contains(kept), "missing: \(kept)")
        }
        for dropped in ["Skip to content", "Pricing", "Search the docs", "Installing Driftwood", "Guides", "Docs",
                        "Share on Twitter", "Was this page helpful", "All rights reserved", "Privacy",
                        "We use cookies", "Accept all", "dataLayer", "sidebar"] {
            #expect(!page.markdown.contains(dropped), "kept boilerplate: \(dropped)")
            #expect(!page.text.contains(dropped), "kept boilerplate in text: \(dropped)")
        }
        #expect(page.text.contains("Set cache.max_bytes to roughly a tenth of the working set."))
        #expect(page.text.contains("cache:\n  max_bytes: 2GiB"))
    }

    @Test func blogArticleKeepsThePostAndDropsSharingRelatedAndNewsletter() throws {
        let page = try fixture("blog-article", url: "https://blog.example.org/posts/scheduler")
        #expect(page.title == "Why we rewrote our scheduler")
        #expect(page.language == "pt-br")
        #expect(page.canonicalURL == nil)
        let expectedStart = """
            # Why we rewrote our scheduler

            By [Inês Duarte](https://blog.example.org/authors/ines) · 2 March 2025

            For three years our job scheduler was a single process
            """
        #expect(page.markdown.hasPrefix(expectedStart))
        for kept in ["splits *admission* from *execution*.", "## What went wrong",
                     "> A queue that trusts its producers is a queue that will be abused, usually by accident.",
                     "Queue depth during the incident.",
                     "1. Admission assigns each tenant a token bucket.\n2. Execution picks tenants round-robin",
                     // Relative to <base href>, not to the page.
                     "[second part](https://blog.example.org/posts/scheduler-part-2)"] {
            #expect(page.markdown.contains(kept), "missing: \(kept)")
        }
        for dropped in ["Archive", "Related posts", "Backpressure", "Share", "Email", "Subscribe",
                        "Get new posts by email", "Powered by", "Tagged:"] {
            #expect(!page.markdown.contains(dropped), "kept boilerplate: \(dropped)")
        }
        #expect(page.text.contains("a separate delay queue.\n\nRead the second part for the benchmarks."))
    }

    @Test func tablesAndCodeBecomePipeTablesAndFences() throws {
        let page = try fixture("tables-and-code", url: "https://example.com/http/")
        let table = """
            Common status codes

            | Code | Meaning | Crawler action |
            | --- | --- | --- |
            | 200 | OK | Parse the body |
            | 301 | Moved *permanently* | Follow `Location` |
            | 429 | Too many requests | Back off; honour `Retry-After` |
            | 5xx |  | Retry later \\| with jitter |
            """
        #expect(page.markdown.contains(table))
        #expect(page.markdown.contains("""
            ```shell
            $ curl -sI https://example.com/ | head -n 1
            HTTP/2 200
            ```
            """))
        // A fence inside the code makes the block's own fence longer.
        #expect(page.markdown.contains("````\n```\nnested fence\n```\n````"))
        #expect(page.markdown.contains("""
            3. Wait **one** second.
               - Double the wait on each failure.
               - Cap it at one minute.
            4. Give up after six attempts.
            """))
        #expect(page.text.contains("301\tMoved permanently\tFollow Location"))
        #expect(page.text.contains("Wait one second.\nDouble the wait on each failure."))
    }

    @Test func pageWithoutLandmarksFindsTheDensestBlock() throws {
        let page = try fixture("news-without-landmarks", url: "https://courier.example/local/bridge")
        #expect(page.markdown.hasPrefix("# Harbour bridge reopens after repairs\n\nThe harbour bridge reopened"))
        #expect(page.markdown.hasSuffix("rather than the whole bridge."))
        for dropped in ["The Coastal Courier", "Weather", "More from Local", "Ferry timetable", "Advertise"] {
            #expect(!page.markdown.contains(dropped), "kept boilerplate: \(dropped)")
        }
    }

    @Test func contentXPathSelectsTheRootAndFallsBackWhenItMatchesNothing() throws {
        let url = "https://example.com/notes/4.2"
        let selected = try fixture("xpath-case", url: url,
                                   options: ExtractionOptions(contentXPath: "//div[@id='content']"))
        #expect(selected.markdown == """
            # Release notes 4.2

            Version 4.2 adds incremental exports and fixes two crashes in the importer.

            ## Fixes

            - The importer no longer crashes on empty CSV files.
            - Dates before 1970 import correctly.
            """)
        #expect(!selected.markdown.contains("hosted edition"))
        let detected = try fixture("xpath-case", url: url)
        for expression in ["//div[@id='missing']", "//div[", "count(//p)", "   "] {
            let fallback = try fixture("xpath-case", url: url, options: ExtractionOptions(contentXPath: expression))
            #expect(fallback == detected, "\(expression)")
        }
        // Several matches are rendered in document order; one inside another counts once.
        let many = try fixture("xpath-case", url: url, options: ExtractionOptions(contentXPath: "//li | //ul | //h1"))
        #expect(many.markdown == """
            # Release notes 4.2

            - The importer no longer crashes on empty CSV files.
            - Dates before 1970 import correctly.
            """)
    }

    @Test func malformedWindows1252PageIsRepairedAndDecoded() throws {
        let page = try fixture("malformed", url: "http://cafe.example/menu/")
        #expect(page.title == "Café menu")
        #expect(page.markdown == """
            # Café du coin

            Open **daily *from 8*** until late.

            Coffee & cake for 4 €, tea &amp biscuits for 3 €.

            - Espresso
            - Crème brûlée
            - Tarte [aux pommes](http://cafe.example/menu/tarte.html)

            | Mon | 8-18 |
            | --- | --- |
            | Sun | closed |

            Find us at [the corner](http://cafe.example/map?x=1&y=2)
            """)
    }
}
