import Testing

@testable import TrawlCore

struct URLHostTests {
    /// Internationalised names: lower-cased, normalised, each non-ASCII label in punycode.
    @Test(arguments: [
        ("http://bücher.example/", "xn--bcher-kva.example"),
        ("http://ÉXAMPLE.com", "xn--xample-9ua.com"),
        ("http://E\u{301}XAMPLE.com", "xn--xample-9ua.com"),
        ("http://b%C3%BCcher.example/", "xn--bcher-kva.example"),
        ("http://MÜNCHEN.de/", "xn--mnchen-3ya.de"),
        ("http://日本語。jp/", "xn--wgv71a119e.jp"),
        ("http://日本語．jp/", "xn--wgv71a119e.jp"),
        ("http://日本語｡jp/", "xn--wgv71a119e.jp"),
        ("http://правительство.рф/", "xn--80aealotwbjpid2k.xn--p1ai"),
        ("http://ｅｘａｍｐｌｅ．ＣＯＭ/", "example.com"),
        ("http://ex\u{AD}ample.com/", "example.com"),
        ("http://xn--bcher-kva.example/", "xn--bcher-kva.example"),
        ("http://XN--BCHER-KVA.example/", "xn--bcher-kva.example"),
    ])
    func internationalisedDomainNames(input: String, host: String) throws {
        #expect(try CrawlURL(input).host == host)
    }

    @Test func asciiHostsAreLowerCasedAndKeepTheirDots() throws {
        #expect(try CrawlURL("http://WWW.Example.COM/").host == "www.example.com")
        #expect(try CrawlURL("http://example.com./").host == "example.com.")
        #expect(try CrawlURL("http://a..b/").host == "a..b")
        #expect(try CrawlURL("http://x_y-z.example/").host == "x_y-z.example")
        #expect(try CrawlURL("http://1.2.3.foo/").host == "1.2.3.foo")
    }

    /// IPv4 in every form browsers accept, serialised as dotted decimal.
    @Test(arguments: [
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://0x7f.1/", "127.0.0.1"),
        ("http://0X7F.0.0.1/", "127.0.0.1"),
        ("http://0177.0.0.1/", "127.0.0.1"),
        ("http://127.1/", "127.0.0.1"),
        ("http://127.0.1/", "127.0.0.1"),
        ("http://2130706433/", "127.0.0.1"),
        ("http://0x7f000001/", "127.0.0.1"),
        ("http://192.168.0.1./", "192.168.0.1"),
        ("http://4294967295/", "255.255.255.255"),
        ("http://0x/", "0.0.0.0"),
        ("http://0/", "0.0.0.0"),
        ("http://1%2e2.3.4/", "1.2.3.4"),
    ])
    func ipv4Addresses(input: String, host: String) throws {
        #expect(try CrawlURL(input).host == host)
    }

    @Test(arguments: [
        "256.0.0.1", "1.2.3.256", "4294967296", "0x100000000", "1.2.3.4.5", "0x100.0.0.1", "1.2.65536", "09",
        "08.1", "foo.09", "1..2", "0xg.1",
    ])
    func invalidIPv4Addresses(host: String) {
        #expect(throws: URLParseError.invalidHost(host)) { try CrawlURL("http://\(host)/") }
    }

    /// IPv6 serialised per RFC 5952: lower-case, no leading zeros, first longest zero run as "::".
    @Test(arguments: [
        ("[::1]", "[::1]"),
        ("[0:0:0:0:0:0:0:1]", "[::1]"),
        ("[::]", "[::]"),
        ("[2001:DB8:0:0:8:800:200C:417A]", "[2001:db8::8:800:200c:417a]"),
        ("[2001:0db8:0000:0000:0000:0000:0000:0001]", "[2001:db8::1]"),
        ("[1:0:0:2:0:0:0:3]", "[1:0:0:2::3]"),
        ("[1:0:0:2:0:0:3:4]", "[1::2:0:0:3:4]"),
        ("[1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:7:8]"),
        ("[1::]", "[1::]"),
        ("[0:1:0:0:0:0:0:0]", "[0:1::]"),
        ("[1:0:2:3:4:5:6:7]", "[1:0:2:3:4:5:6:7]"),
        ("[::ffff:192.168.0.1]", "[::ffff:c0a8:1]"),
        ("[::127.0.0.1]", "[::7f00:1]"),
    ])
    func ipv6Addresses(host: String, expected: String) throws {
        #expect(try CrawlURL("http://\(host)/").host == expected)
    }

    @Test(arguments: [
        "[::1", "[1:2:3:4:5:6:7:8:9]", "[::1::]", "[:1]", "[1:]", "[12345::]", "[g::]", "[::1.2.3]",
        "[::256.0.0.1]", "[::01.2.3.4]", "[1:2:3:4:5:6:7:1.2.3.4]", "[::1]x", "[::%31]", "[]",
    ])
    func invalidIPv6Addresses(host: String) {
        #expect(throws: URLParseError.invalidHost(host)) { try CrawlURL("http://\(host)/") }
    }

    @Test(arguments: [
        "exa mple.com", "a<b", "a>b", "a^b", "a|b", "a[b", "a]b", "%25", "a%20b", "ex%00ample", "a%2fb", "%",
        "a%40b", "bad%FFhost", "ｅｘａｍｐｌｅ％２ｅcom", "a\u{7F}b",
    ])
    func forbiddenHosts(host: String) {
        #expect(throws: URLParseError.invalidHost(host)) { try CrawlURL("http://\(host)/") }
    }

    /// UTS #46 validity as browsers apply it: "xn--" labels must decode to a real non-ASCII label,
    /// and labels must not contain disallowed code points or start with a combining mark.
    @Test(arguments: [
        "xn--", "xn--a", "a.b.c.xn--pokxncvks", "10.0.0.xn--pokxncvks", "xn--üs.com", "xn--1ta", "xn--e-",
        "\u{334}x.com", "%EF%B7%90zyx.com", "%EF%BF%BD", "a\u{200E}b.com", "a\u{E000}b.com",
        "%C3", "a%C0%AEb",
    ])
    func invalidInternationalisedNames(host: String) {
        #expect(throws: URLParseError.invalidHost(host)) { try CrawlURL("http://\(host)/") }
    }

    @Test func joinersAreAllowedInsideLabels() throws {
        #expect(try CrawlURL("http://a\u{200D}\u{0915}.example/").host.hasPrefix("xn--"))
    }

    @Test func ignoredCodePointsAloneLeaveNoHost() {
        #expect(throws: URLParseError.invalidHost("\u{AD}")) { try CrawlURL("http://\u{AD}/") }
    }
}
