import Testing

@testable import TrawlCore

struct CrawlURLFingerprintTests {
    /// Pinned values: fingerprints are persisted, so a change of hash function must fail here.
    @Test(arguments: [
        ("https://example.com/", 0x2636_3d14_a743_38d9 as UInt64),
        ("http://a/b/c/d;p?q", 0x439e_4fea_e931_fcce as UInt64),
    ])
    func stableAcrossRuns(input: String, expected: UInt64) throws {
        #expect(try CrawlURL(input).fingerprint == expected)
    }

    @Test func followsTheNormalisedString() throws {
        let a = try CrawlURL("HTTPS://EXAMPLE.com:443/./#x")
        #expect(a.fingerprint == 0x2636_3d14_a743_38d9)
        let b = try CrawlURL("https://example.com/?")
        let c = try CrawlURL("http://example.com/")
        #expect(Set([a.fingerprint, b.fingerprint, c.fingerprint]).count == 3)
    }
}
