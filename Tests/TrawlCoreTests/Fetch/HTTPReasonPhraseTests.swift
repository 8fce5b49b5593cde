import Testing
import TrawlCore

/// Status-line reason phrases: one table for the WARC writer and the fixture server.
@Suite struct HTTPReasonPhraseTests {
    @Test func reasonPhrasesCoverCommonCodes() {
        #expect(HTTPReasonPhrase.phrase(for: 200) == "OK")
        #expect(HTTPReasonPhrase.phrase(for: 301) == "Moved Permanently")
        #expect(HTTPReasonPhrase.phrase(for: 431) == "Request Header Fields Too Large")
        #expect(HTTPReasonPhrase.phrase(for: 599) == nil)
    }
}
