import Testing

@testable import TrawlCore

struct PunycodeTests {
    /// Sample strings from RFC 3492 §7.1 and common IDN labels.
    @Test(arguments: [
        (
            "\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}\u{0644}\u{0645}\u{0648}\u{0634}"
                + "\u{0639}\u{0631}\u{0628}\u{064A}\u{061F}",
            "egbpdaj6bu4bxfgehfvwxn"
        ),
        ("\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}", "ihqwcrb4cv8a8dqg056pqjye"),
        ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
        ("-> $1.00 <-", "-> $1.00 <--"),
        ("bücher", "bcher-kva"),
        ("münchen", "mnchen-3ya"),
        ("éxample", "xample-9ua"),
        ("ﾄﾞﾒｲﾝ名例", "fsqs3i4u1qbca6c5ce"),
    ])
    func encodesKnownSamples(label: String, expected: String) {
        #expect(Punycode.encode(Array(label.unicodeScalars)) == expected)
    }

    @Test(arguments: ["egbpdaj6bu4bxfgehfvwxn", "3B-ww4c5e180e575a65lsy2b", "bcher-kva", "fsqs3i4u1qbca6c5ce"])
    func decodingReversesEncoding(encoded: String) throws {
        let decoded = try #require(Punycode.decode(Array(encoded.utf8)))
        #expect(Punycode.encode(decoded) == encoded)
    }

    /// A bad digit, arithmetic overflow, or a leading delimiter with nothing basic before it.
    @Test(arguments: ["bcher-kv!", "99999999999", "-kva", "a-b\u{E9}"])
    func decodingRejectsInvalidInput(encoded: String) {
        #expect(Punycode.decode(Array(encoded.utf8)) == nil)
    }

    @Test func decodingOnlyBasicCodePoints() {
        #expect(Punycode.decode(Array("ab-".utf8)) == ["a", "b"])
    }

    @Test func emptyLabelEncodesToEmpty() {
        #expect(Punycode.encode([]) == "")
    }
}
