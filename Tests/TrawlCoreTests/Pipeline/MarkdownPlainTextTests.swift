import Testing
import TrawlCore

/// The Markdown the extractor writes, reduced to the words a search and an embedder should read.
@Suite struct MarkdownPlainTextTests {
    @Test func linksKeepTheirTextAndLoseTheirTargets() {
        #expect(MarkdownPlainText.plain("See [the guide](https://docs.python.org/3/guide.html \"Guide\") now.")
                == "See the guide now.")
        #expect(MarkdownPlainText.plain("![A harbour at night](/img/harbour.png) and [**bold** link](/a_(b))")
                == "A harbour at night and bold link")
        #expect(MarkdownPlainText.plain("[nested [brackets]](/x) and [not a link] and [dangling](") ==
                "nested [brackets] and [not a link] and [dangling](")
    }

    @Test func headingsQuotesListsAndEmphasisLoseTheirMarks() {
        let markdown = """
            ## Install *quickly*
            > > A **quoted** _remark_
            - first item
              1. nested item in ~/.ssh
            10) tenth
            snake_case_name and 2 * 3
            """
        #expect(MarkdownPlainText.plain(markdown) == """
            Install quickly
            A quoted remark
            first item
            nested item in ~/.ssh
            tenth
            snake_case_name and 2 3
            """)
    }

    @Test func escapesAreUndone() {
        #expect(MarkdownPlainText.plain(#"1\. not a list, \*stars\*, a \| pipe, C:\\path, \[x\]"#)
                == #"1. not a list, *stars*, a | pipe, C:\path, [x]"#)
    }

    @Test func tablesBecomeCellsAndRulesGo() {
        let markdown = """
            | Option | Default |
            | --- | :-: |
            | `--delay` | 1 s |

            ---
            """
        #expect(MarkdownPlainText.plain(markdown) == "Option Default\n--delay 1 s\n")
    }

    @Test func codeStaysAsWritten() {
        let markdown = """
            Run `trawl crawl` or `` a `tick` ``:

            ```swift
            let x = [a](b) * 2 // | kept
            ```
            ~~~~
            ~~~ still code
            ~~~~
            after
            """
        #expect(MarkdownPlainText.plain(markdown) == """
            Run trawl crawl or a `tick`:

            let x = [a](b) * 2 // | kept
            ~~~ still code
            after
            """)
    }

    @Test func plainTextPassesThrough() {
        let text = "Grüße aus Köln — 東京 and naïve café, 3.5% of 100."
        #expect(MarkdownPlainText.plain(text) == text)
        #expect(MarkdownPlainText.plain("") == "")
    }
}
