import Testing
import TrawlCore
import TrawlTestSupport

/// URLs as pages write them, made wrong at random: each one is refused with an error or parsed into a URL whose
/// own spelling parses back to itself (the frontier's deduplication relies on one spelling per URL).
struct URLFuzzTests {
    static let parts = [
        "http://", "https://", "HTTP://", "ftp://", "//", "/", "\\", "..", ".", "%2e", "%2E%2e", "%", "%zz", "%00", "%C3%A9",
        "?", "#", "&", "=", ":", "@", ":@", "[", "]", "[::1]", "[::ffff:127.0.0.1]", "[fe80::1%25eth0]", "127.0.0.1",
        "0x7f.1", "4294967295", "999.1.1.1", "example.com", "EXAMPLE.com.", "xn--", "xn--nxasmq6b", "bücher.de",
        "日本語.jp", "ß", "\u{200B}", "\u{FEFF}", "\u{0}", "\t", "\n", " ", "\u{7F}", "é", "👍🏽", ":80", ":443", ":0",
        ":65536", ":-1", ":99999999999999999999", "a", "path", "index.html", "?q=1&q=2", "#frag", "user:pass@",
        String(repeating: "a", count: 300), String(repeating: "/..", count: 50), String(repeating: "%41", count: 100),
    ]

    @Test func randomURLsParseToOneStableSpellingOrFail() throws {
        var random = SeededRandom(seed: 0x0C0F_FEE0)
        let base = try CrawlURL("https://example.com/docs/guide/index.html?x=1#top")
        var parsed = 0, refused = 0
        for _ in 0..<20_000 {
            let count = 1 + Int(random.next() % 7)
            let text = (0..<count).map { _ in Self.parts[Int(random.next() % UInt64(Self.parts.count))] }.joined()
            for relative in [nil, base] {
                do {
                    let url = try CrawlURL(text, relativeTo: relative)
                    parsed += 1
                    let again = try CrawlURL(url.description)
                    #expect(again == url, "\(text.debugDescription) → \(url) → \(again)")
                    #expect(url.description.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value != 0x7F },
                            "\(text.debugDescription) → \(url)")
                } catch {
                    refused += 1
                }
            }
        }
        #expect(parsed > 5_000 && refused > 5_000, "parsed \(parsed), refused \(refused)")
    }
}
