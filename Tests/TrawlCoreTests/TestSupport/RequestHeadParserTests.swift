import Testing
@testable import TrawlTestSupport

/// Request-head parsing without sockets.
@Suite struct RequestHeadParserTests {
    private func parse(_ text: String) throws(RequestParseFailure) -> RequestHeadParser.Outcome {
        var parser = RequestHeadParser()
        return try parser.parse(Array(text.utf8)[...])
    }

    @Test func parsesRequestLineAndHeaders() throws {
        let outcome = try parse("GET /a?b=1 HTTP/1.1\r\nHost: example\r\nX-Pad:   spaced value \t\r\n\r\nNEXT")

        guard case let .complete(head, consumed) = outcome else {
            Issue.record("expected a complete head, got \(outcome)")
            return
        }
        #expect(head.method == "GET")
        #expect(head.target == "/a?b=1")
        #expect(head.version == "HTTP/1.1")
        #expect(head.headers == [.init(name: "Host", value: "example"), .init(name: "X-Pad", value: "spaced value")])
        #expect(consumed == "GET /a?b=1 HTTP/1.1\r\nHost: example\r\nX-Pad:   spaced value \t\r\n\r\n".utf8.count)
    }

    @Test func acceptsBareLineFeedsAndLeadingEmptyLines() throws {
        let text = "\r\n\nGET / HTTP/1.0\nAccept: */*\n\n"
        let outcome = try parse(text)

        guard case let .complete(head, consumed) = outcome else {
            Issue.record("expected a complete head, got \(outcome)")
            return
        }
        #expect(head.version == "HTTP/1.0")
        #expect(head.values(of: "accept") == ["*/*"])
        #expect(consumed == text.utf8.count)
    }

    @Test func completesWhenTheHeadArrivesByteByByte() throws {
        let bytes = Array("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        var parser = RequestHeadParser()
        var outcomes: [RequestHeadParser.Outcome] = []
        for end in 1...bytes.count {
            outcomes.append(try parser.parse(bytes[..<end]))
        }

        #expect(outcomes.dropLast().allSatisfy { $0 == .incomplete })
        guard case let .complete(head, consumed)? = outcomes.last else {
            Issue.record("expected a complete head at the end")
            return
        }
        #expect(head.target == "/slow")
        #expect(consumed == bytes.count)
    }

    @Test func headsUpToTheLimitAreAcceptedAndLargerOnesRejected() throws {
        let prefix = "GET / HTTP/1.1\r\nHost: x\r\nX-Fill: "
        let fill = RequestHeadParser.maximumHeadSize - prefix.utf8.count - 4
        let fits = prefix + String(repeating: "a", count: fill) + "\r\n\r\n"
        let tooBig = prefix + String(repeating: "a", count: fill + 1) + "\r\n\r\n"

        #expect(fits.utf8.count == RequestHeadParser.maximumHeadSize)
        guard case .complete = try parse(fits) else {
            Issue.record("a head of exactly the limit should parse")
            return
        }
        #expect(throws: RequestParseFailure.headerTooLarge) { try parse(tooBig) }
        // An unfinished head that is already too big is rejected without waiting for its end.
        let unfinished = prefix + String(repeating: "a", count: fill + 5)
        #expect(throws: RequestParseFailure.headerTooLarge) { try parse(unfinished) }
    }

    @Test(arguments: [
        ("GET /\r\n\r\n", RequestParseFailure.malformedRequestLine),
        ("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", .malformedRequestLine),
        ("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", .malformedRequestLine),
        ("GET / HTTX/1.1\r\nHost: x\r\n\r\n", .malformedRequestLine),
        ("GET / HTTP/3.0\r\nHost: x\r\n\r\n", .unsupportedVersion),
        ("GET / HTTP/1.1\r\n\r\n", .invalidHost),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .invalidHost),
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", .malformedHeader),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n", .malformedHeader),
        ("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", .malformedHeader),
    ])
    func rejectsMalformedHeads(text: String, failure: RequestParseFailure) {
        #expect(throws: failure) { try parse(text) }
    }

    @Test func framingFollowsRFC9112() throws {
        func framing(_ headers: [(String, String)]) throws(RequestParseFailure) -> RequestHead.BodyFraming {
            try RequestHead(
                method: "POST", target: "/", version: "HTTP/1.1",
                headers: headers.map { RequestHead.Header(name: $0.0, value: $0.1) }
            ).bodyFraming()
        }

        #expect(try framing([]) == .none)
        #expect(try framing([("Content-Length", "0")]) == .none)
        #expect(try framing([("content-length", "42")]) == .length(42))
        #expect(try framing([("Content-Length", "7, 7")]) == .length(7))
        #expect(try framing([("Transfer-Encoding", "gzip, chunked"), ("Content-Length", "9")]) == .chunked)
        for invalid in ["7, 8", "+7", "", "99999999999999999999"] {
            #expect(throws: RequestParseFailure.invalidContentLength) { try framing([("Content-Length", invalid)]) }
        }
        #expect(throws: RequestParseFailure.unsupportedTransferCoding) {
            try framing([("Transfer-Encoding", "chunked, gzip")])
        }
    }

    @Test func connectionPreferences() {
        func head(_ version: String, _ headers: [(String, String)]) -> RequestHead {
            let fields = headers.map { RequestHead.Header(name: $0.0, value: $0.1) }
            return RequestHead(method: "GET", target: "/", version: version, headers: fields)
        }

        #expect(head("HTTP/1.1", []).wantsKeepAlive)
        #expect(!head("HTTP/1.1", [("Connection", "Upgrade, Close")]).wantsKeepAlive)
        #expect(!head("HTTP/1.0", []).wantsKeepAlive)
        #expect(head("HTTP/1.0", [("Connection", "keep-alive")]).wantsKeepAlive)
        #expect(head("HTTP/1.1", [("Expect", "100-continue")]).expectsContinue)
        #expect(!head("HTTP/1.0", [("Expect", "100-continue")]).expectsContinue)
    }
}
