import Testing
@testable import TrawlTestSupport

/// Status-line reason phrases.
@Suite struct HTTPReasonPhraseTests {
    @Test func reasonPhrasesCoverCommonCodes() {
        #expect(HTTPReasonPhrase.phrase(for: 200) == "OK")
        #expect(HTTPReasonPhrase.phrase(for: 301) == "Moved Permanently")
        #expect(HTTPReasonPhrase.phrase(for: 431) == "Request Header Fields Too Large")
        #expect(HTTPReasonPhrase.phrase(for: 599) == "Unknown")
    }
}
