import Testing
@testable import TrawlAPI

/// The console shows an API snippet as markup only when `<mark>` is its one element: a snippet carrying any other tag,
/// however its characters are composed, is shown as text.
@Suite struct ConsoleSnippetTests {
    @Test func aSnippetOfMarksAndTextIsKeptAsMarkup() {
        #expect(ConsoleRoutes<InMemoryCrawlService>.snippet("the <mark>crawler</mark> &amp; its queue").description
            == "the <mark>crawler</mark> &amp; its queue")
    }

    @Test(arguments: ["<img src=x onerror=alert(1)>", "\u{600}<img src=x>", "<b>\u{301}", "<mark>x</mark>\u{600}<i>"])
    func anyOtherTagIsShownAsText(_ markup: String) {
        let shown = ConsoleRoutes<InMemoryCrawlService>.snippet(markup).description
        let tags = shown.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        #expect(!tags.unicodeScalars.contains("<"), "\(shown)")
    }
}
