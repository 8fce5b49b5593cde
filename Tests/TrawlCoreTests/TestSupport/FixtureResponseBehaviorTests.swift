import Foundation
import Testing
import TrawlTestSupport

/// The deliberate misbehaviours, as a real client (curl) or a raw socket experiences them.
@Suite struct FixtureResponseBehaviorTests {
    @Test func dripSendsTheBodySlowly() async throws {
        let body = "0123456789ABCDEFGHIJ"
        let server = try FixtureServer { _ in
            .text(body).behaving(.drip(bytesPerChunk: 4, interval: .milliseconds(80)))
        }
        defer { server.stop() }

        let result = try await CurlTool.run([server.url("/slow")])

        #expect(result.exitCode == 0)
        #expect(result.text == body)
        // Five chunks, each preceded by an 80 ms pause.
        #expect(result.elapsed >= .milliseconds(400))
    }

    @Test func dripKeepsTheConnectionAlive() async throws {
        let server = try FixtureServer { _ in
            .text("abc").behaving(.drip(bytesPerChunk: 1, interval: .milliseconds(5)))
        }
        defer { server.stop() }

        let result = try await CurlTool.run([server.url("/1"), server.url("/2")])

        #expect(result.text == "abcabc")
        #expect(Set(server.requests.map(\.connectionID)).count == 1)
    }

    @Test func resetAbortsTheConnection() async throws {
        let server = try FixtureServer { _ in .text("unsent").behaving(.reset) }
        defer { server.stop() }

        let result = try await CurlTool.run([server.url("/")])
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        let raw = client.readToEnd()

        // 56: "Recv failure: Connection reset by peer".
        #expect(result.exitCode == 56, "\(result.errorOutput)")
        #expect(raw.ending == .reset)
        #expect(raw.bytes.isEmpty)
        #expect(server.requestCount(path: "/") == 2)
    }

    @Test func hangNeverAnswers() async throws {
        let server = try FixtureServer { _ in .text("unsent").behaving(.hang) }
        defer { server.stop() }

        let result = try await CurlTool.run(["--max-time", "1", server.url("/")])

        // 28: operation timed out.
        #expect(result.exitCode == 28, "\(result.errorOutput)")
        #expect(result.elapsed >= .seconds(1))
        #expect(result.output.isEmpty)
    }

    @Test func endlessStreamsUntilTheClientGivesUp() async throws {
        let server = try FixtureServer { _ in
            .text("ignored").behaving(.endless(chunk: Array("forever ".utf8)))
        }
        defer { server.stop() }

        let result = try await CurlTool.run(["--max-time", "0.5", "--limit-rate", "1M", "--include", server.url("/")])

        #expect(result.exitCode == 28, "\(result.errorOutput)")
        #expect(result.text.contains("Transfer-Encoding: chunked\r\n"))
        #expect(!result.text.contains("Content-Length"))
        #expect(result.output.count > 10_000)
        #expect(result.text.hasSuffix("forever ") || result.text.contains("forever forever"))
    }

    @Test func endlessWithAnEmptyChunkStreamsNewlinesAndOutlivesItsClient() async throws {
        let server = try FixtureServer { _ in .status(200).behaving(.endless(chunk: [])) }
        defer { server.stop() }

        do {
            let client = try RawHTTPClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse(bodyless: true).header("Transfer-Encoding") == "chunked")
            // An empty chunk would end the body, so each chunk is one "\n".
            #expect(try client.read(atLeast: 12).starts(with: Array("1\r\n\n\r\n1\r\n\n\r\n".utf8)))
        }
        // That client has gone; the server goes on serving others.
        let client = try RawHTTPClient(port: server.port)
        try client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse(bodyless: true).status == 200)
    }

    @Test func lyingLengthEndsShort() async throws {
        let server = try FixtureServer { _ in .text("only ten b").behaving(.lyingLength(100)) }
        defer { server.stop() }

        let result = try await CurlTool.run(["--include", server.url("/")])
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try client.readResponse(bodyless: true)
        let rest = client.readToEnd()

        // 18: partial file, the transfer ended before Content-Length bytes arrived.
        #expect(result.exitCode == 18, "\(result.errorOutput)")
        #expect(head.header("Content-Length") == "100")
        #expect(rest.bytes == Array("only ten b".utf8))
        #expect(rest.ending == .closed)
    }

    @Test func lyingLengthSendsFewerBytesThanDeclaredEvenForLongBodies() async throws {
        let server = try FixtureServer { _ in .text("0123456789").behaving(.lyingLength(4)) }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)

        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try client.readResponse(bodyless: true)

        #expect(client.readToEnd().bytes == Array("012".utf8))
    }

    @Test func stopReturnsPromptlyWithMisbehavingConnectionsOpen() async throws {
        let server = try FixtureServer { request in
            switch request.path {
            case "/hang": .text("x").behaving(.hang)
            case "/drip": .text("slow body").behaving(.drip(bytesPerChunk: 1, interval: .seconds(5)))
            default: .text("x").behaving(.endless(chunk: Array("more".utf8)))
            }
        }
        // Each client's end is taken when its curl exits: on a loaded machine the three connections can take seconds to
        // be set up, so the clients' own limit (60 s) is far off and promptness is measured from stop().
        let clock = ContinuousClock()
        async let hang = Self.curlEnding(server.url("/hang"), clock: clock)
        async let drip = Self.curlEnding(server.url("/drip"), clock: clock)
        // A reader that never reads leaves the server blocked in send() with full socket buffers.
        let stalledReader = try RawHTTPClient(port: server.port)
        try stalledReader.send("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n")
        try await waitUntil { server.requests.count == 3 }
        try await Task.sleep(for: .milliseconds(100))

        let stopping = clock.now
        server.stop()
        let stopTime = clock.now - stopping

        // Far below the drip's 5 s: stop() does not wait for any of the clients.
        #expect(stopTime < .seconds(3), "stop() took \(stopTime)")
        // The clients see the connections end within seconds of the stop: 52 empty reply, 18 partial body, or 56 reset.
        for (result, ended) in try await [hang, drip] {
            #expect([18, 52, 56].contains(result.exitCode), "\(result.exitCode) \(result.errorOutput)")
            #expect(ended - stopping < .seconds(5), "ended \(ended - stopping) after the stop")
        }
        #expect(stalledReader.readToEnd().ending == .reset)
    }

    /// Runs curl on `url` and notes when it exited.
    private static func curlEnding(_ url: String, clock: ContinuousClock)
        async throws -> (CurlToolResult, ContinuousClock.Instant) {
        let result = try await CurlTool.run(["--max-time", "60", url])
        return (result, clock.now)
    }

    /// Polls `condition` until it holds, failing after `timeout` (generous: the whole suite shares two cores).
    private func waitUntil(timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within \(timeout)")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
