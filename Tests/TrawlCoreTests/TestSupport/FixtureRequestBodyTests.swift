import Testing
@testable import TrawlTestSupport

/// The fixture server keeps request bodies, so tests of clients that POST can check what was sent.
@Suite struct FixtureRequestBodyTests {
    @Test func keepsAContentLengthBodyAndKeepsServingTheConnection() throws {
        let server = try FixtureServer { _ in .text("ok") }
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world")
        #expect(try client.readResponse().status == 200)
        try client.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        #expect(server.requests.map { String(decoding: $0.body, as: UTF8.self) } == ["hello world", ""])
    }

    @Test func keepsAChunkedBodyWithoutItsFraming() throws {
        let server = try FixtureServer { _ in .text("ok") }
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        #expect(server.requests.map(\.body) == [Array("Wikipedia".utf8)])
    }

    @Test func chunkDataCanBeCollectedWhileWalkingTheBody() throws {
        var skipper = ChunkedBodySkipper()
        var data: [UInt8]? = []
        let bytes = Array("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n".utf8)
        for index in bytes.indices { _ = try skipper.consume(bytes[index ... index], data: &data) }
        #expect(skipper.isFinished)
        #expect(data == Array("abcde".utf8))
    }
}
