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

    @Test func linesEndWithLFOrCRLFAndOddBytesSurvive() {
        let head: [UInt8] = Array("HTTP/1.1 200 OK\nA:1\r\nB :  two words \t\r\n:no-name\r\nno colon\r\n".utf8)
            + Array("C: caf".utf8) + [0xC3, 0xA9, 0xFF] + Array("\r\n\tmore\r\nD: x\ry\r\n\r\n".utf8)
        let headers = HTTPHeaders(parsingHead: head)
        #expect(headers.fields.map(\.name) == ["A", "B", "C", "D"])
        #expect(headers["a"] == "1")
        #expect(headers["b"] == "two words")
        #expect(headers["c"] == "caf\u{E9}\u{FFFD} more")
        // A CR inside a line is not a line end.
        #expect(headers["d"] == "x\ry")
    }

    @Test func theStatusLineIsNeverAField() {
        #expect(HTTPHeaders(parsingHead: Array("\r\nX-First: 1\r\nX-Second: 2\r\n".utf8)).fields.map(\.name) == ["X-Second"])
        #expect(HTTPHeaders(parsingHead: []).fields.isEmpty)
    }
}
