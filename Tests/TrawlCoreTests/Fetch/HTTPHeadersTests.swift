import Testing
@testable import TrawlCore

@Suite struct HTTPHeadersTests {
    let head = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; Charset=\"ISO-8859-1\"\r\nX-A: 1\r\n  folded\r\nx-a: 2\r\n\r\n".utf8)

    @Test func parsesFieldsCaseInsensitively() {
        let headers = HTTPHeaders(parsingHead: head)
        #expect(headers["content-type"] == "text/html; Charset=\"ISO-8859-1\"")
        #expect(headers.values("X-A") == ["1 folded", "2"])
        #expect(headers.mediaType == "text/html")
        #expect(headers.charset == "ISO-8859-1")
        #expect(headers["missing"] == nil)
    }

    @Test func noContentTypeMeansNoMediaType() {
        let headers = HTTPHeaders(parsingHead: Array("HTTP/2 204\r\n\r\n".utf8))
        #expect(headers.mediaType == nil)
        #expect(headers.charset == nil)
    }
}
