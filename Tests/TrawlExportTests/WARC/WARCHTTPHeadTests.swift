import Testing
@testable import TrawlExport

struct WARCHTTPHeadTests {
    /// The archived form of `head` as text, for readable expectations.
    private func archived(_ head: String, _ kind: WARCHTTPHead.Kind = .response, bodyLength: Int) throws -> String {
        let bytes = try WARCHTTPHead(parsing: Array(head.utf8), kind: kind).archivedBytes(bodyLength: bodyLength)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Responses

    @Test("framing headers of a decoded body are renamed and a true Content-Length is added")
    func decodedBodyRenamesFraming() throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: 31\r\n"
            + "Vary: Accept-Encoding\r\n\r\n"
        #expect(
            try archived(head, bodyLength: 18)
                == "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Archive-Orig-Content-Encoding: gzip\r\n"
                + "X-Archive-Orig-Content-Length: 31\r\nVary: Accept-Encoding\r\nContent-Length: 18\r\n\r\n")
    }

    @Test("a head that already matches the stored body is kept byte for byte")
    func consistentHeadUnchanged() throws {
        let head = "HTTP/1.1 200 OK\r\nServer:  odd  spacing \r\ncontent-length:18\r\n\r\n"
        #expect(try archived(head, bodyLength: 18) == head)
    }

    @Test("a Content-Length that disagrees with a truncated body is renamed")
    func truncatedBodyRenamesLength() throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
        #expect(
            try archived(head, bodyLength: 10)
                == "HTTP/1.1 200 OK\r\nX-Archive-Orig-Content-Length: 1000\r\nContent-Length: 10\r\n\r\n")
    }

    @Test("chunked framing is renamed and a response without Content-Length gets one")
    func chunkedAndMissingLength() throws {
        #expect(
            try archived("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n", bodyLength: 5)
                == "HTTP/1.1 200 OK\r\nX-Archive-Orig-transfer-encoding: chunked\r\nContent-Length: 5\r\n\r\n")
        #expect(
            try archived("HTTP/1.0 200 OK\r\nServer: x\r\n\r\n", bodyLength: 0)
                == "HTTP/1.0 200 OK\r\nServer: x\r\nContent-Length: 0\r\n\r\n")
    }

    @Test("a framing header with whitespace before its colon is still recognised")
    func spaceBeforeColon() throws {
        #expect(
            try archived("HTTP/1.1 200 OK\r\nContent-Length : 31\r\n\r\n", bodyLength: 18)
                == "HTTP/1.1 200 OK\r\nX-Archive-Orig-Content-Length : 31\r\nContent-Length: 18\r\n\r\n")
    }

    @Test("duplicate Content-Length headers are both renamed")
    func duplicateLengths() throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n"
        #expect(
            try archived(head, bodyLength: 3)
                == "HTTP/1.1 200 OK\r\nX-Archive-Orig-Content-Length: 3\r\nX-Archive-Orig-Content-Length: 3\r\n"
                + "Content-Length: 3\r\n\r\n")
    }

    @Test(
        "HTTP/2 and HTTP/3 status lines are restated as HTTP/1.1 with a reason phrase",
        arguments: [
            ("HTTP/2 200 ", "HTTP/1.1 200 OK"),
            ("HTTP/2 404", "HTTP/1.1 404 Not Found"),
            ("HTTP/3 503", "HTTP/1.1 503 Service Unavailable"),
            ("HTTP/2.0 200 Fine", "HTTP/1.1 200 Fine"),
            ("HTTP/2 299", "HTTP/1.1 299 "),
            ("HTTP/1.0 302 Moved", "HTTP/1.0 302 Moved"),
            ("HTTP/1.1 200", "HTTP/1.1 200"),
        ])
    func statusLines(original: String, expected: String) throws {
        let headers = "\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\n"
        #expect(try archived(original + headers, bodyLength: 2) == expected + headers)
    }

    @Test("only the last head is archived: interim 1xx and authentication rounds are dropped")
    func earlierHeadsDropped() throws {
        let continued = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
        #expect(try archived(continued, bodyLength: 2) == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n")
        let earlyHints = "HTTP/2 103 \r\nlink: </a.css>; rel=preload\r\n\r\nHTTP/2 200 \r\ncontent-length: 2\r\n\r\n"
        #expect(try archived(earlyHints, bodyLength: 2) == "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        let authRound = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
        #expect(try archived(authRound, bodyLength: 2) == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n")
    }

    @Test("bare LF line endings and a missing final blank line are normalised to CRLF")
    func lineEndingsNormalised() throws {
        #expect(
            try archived("HTTP/1.1 200 OK\nContent-Length: 2\nX-A: b", bodyLength: 2)
                == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b\r\n\r\n")
    }

    @Test("an obs-fold continuation line stays with the header it continues")
    func continuationFollowsRename() throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip,\r\n deflate\r\nX-Other: 1\r\n\r\n"
        #expect(
            try archived(head, bodyLength: 4)
                == "HTTP/1.1 200 OK\r\nX-Archive-Orig-Content-Encoding: gzip,\r\n deflate\r\nX-Other: 1\r\n"
                + "Content-Length: 4\r\n\r\n")
    }

    @Test(
        "response heads that cannot be archived are rejected",
        arguments: [
            "",
            "\r\n\r\n",
            "<html>not a head</html>\r\n\r\n",
            "HTTP/1.1 20 OK\r\n\r\n",
            "HTTP/1.1 2000 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\n\r\nnot a status line\r\n\r\n",
        ])
    func malformedResponses(head: String) {
        #expect {
            _ = try archived(head, bodyLength: 0)
        } throws: { error in
            guard case .malformedResponseHead = error as? WARCError else { return false }
            return true
        }
    }

    // MARK: Requests

    @Test("an HTTP/1.1 request head without a body is kept byte for byte")
    func plainRequestUnchanged() throws {
        let head = "GET /a?b=c HTTP/1.1\r\nHost: example.com\r\nAccept-Encoding: gzip, br\r\n\r\n"
        #expect(try archived(head, .request, bodyLength: 0) == head)
        let empty = "POST /form HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n"
        #expect(try archived(empty, .request, bodyLength: 0) == empty)
    }

    @Test("an HTTP/2 request line from libcurl is restated as HTTP/1.1")
    func http2RequestLine() throws {
        #expect(
            try archived("GET /x HTTP/2\r\nHost: example.org\r\n\r\n", .request, bodyLength: 0)
                == "GET /x HTTP/1.1\r\nHost: example.org\r\n\r\n")
    }

    @Test("a request body the archive does not hold has its framing renamed")
    func requestBodyFraming() throws {
        #expect(
            try archived("POST /f HTTP/1.1\r\nContent-Length: 5\r\n\r\n", .request, bodyLength: 0)
                == "POST /f HTTP/1.1\r\nX-Archive-Orig-Content-Length: 5\r\nContent-Length: 0\r\n\r\n")
    }

    @Test("a request libcurl re-sent (stale connection, authentication) is archived as its last copy")
    func resentRequest() throws {
        let first = "GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n"
        let second = "GET /a HTTP/1.1\r\nHost: example.com\r\nAuthorization: Basic eDp5\r\n\r\n"
        #expect(try archived(first + second, .request, bodyLength: 0) == second)
    }

    @Test(
        "request heads that cannot be archived are rejected",
        arguments: ["", "\r\n", "GET\r\n\r\n", "GET / FTP/1.0\r\n\r\n", "GET /a b HTTP/1.1\r\n\r\n"])
    func malformedRequests(head: String) {
        #expect {
            _ = try archived(head, .request, bodyLength: 0)
        } throws: { error in
            guard case .malformedRequestHead = error as? WARCError else { return false }
            return true
        }
    }
}
