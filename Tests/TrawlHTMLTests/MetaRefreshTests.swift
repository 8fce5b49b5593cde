import Testing
@testable import TrawlHTML

struct MetaRefreshTests {
    @Test(arguments: [
        ("5; url=/next", "/next"),
        ("0;URL='https://example.com/a b'", "https://example.com/a b"),
        ("0; url=\"/quoted\" trailing", "/quoted"),
        ("3, /comma", "/comma"),
        ("1.5; URL = /spaced ", "/spaced"),
        ("  10   /bare", "/bare"),
        ("0; 'quoted-no-keyword'", "quoted-no-keyword"),
        ("0; urlish/path", "urlish/path"),
        (".5;url=/dot", "/dot"),
        ("0;url=", nil),
        ("30", nil),
        ("5;", nil),
        ("soon; url=/x", nil),
        ("5x; url=/x", nil),
        ("", nil),
    ] as [(String, String?)])
    func readsTheTarget(content: String, expected: String?) {
        #expect(MetaRefresh.url(in: content) == expected)
    }
}
