import Foundation
import Testing
import TrawlCore
import TrawlFetch
import TrawlTestSupport

/// The real libcurl multi driver against a real local server.
@Suite struct CurlFetcherTests {
    let fetcher = CurlFetcher()

    func request(_ url: String, maxBody: Int = 1 << 20, timeout: Duration = .seconds(5)) throws -> FetchRequest {
        FetchRequest(url: try CrawlURL(url), userAgent: "Trawl-test/1.0", headers: [(name: "X-Test", value: "yes")],
                     timeout: timeout, connectTimeout: .seconds(2), maxBodyBytes: maxBody)
    }

    @Test func fetchesAPageWithHeadsAndBody() async throws {
        let server = try FixtureServer(site: FixtureSite(["/a": .html("<p>hello</p>")]))
        defer { server.stop() }
        let response = try await fetcher.fetch(request(server.url("/a"))).get()
        #expect(response.status == 200)
        #expect(response.body == Array("<p>hello</p>".utf8))
        #expect(response.mediaType == "text/html")
        #expect(response.declaredCharset == "utf-8")
        #expect(String(decoding: response.requestHead, as: UTF8.self).hasPrefix("GET /a HTTP/1.1\r\n"))
        #expect(String(decoding: response.requestHead, as: UTF8.self).contains("X-Test: yes\r\n"))
        #expect(String(decoding: response.responseHead, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        #expect(response.ipAddress == "127.0.0.1")
        #expect(response.httpVersion == "1.1")
        #expect(server.requests.first?.header("User-Agent") == "Trawl-test/1.0")
    }

    @Test func aStatusIsAResponseNotAFailure() async throws {
        let server = try FixtureServer(site: FixtureSite([:]))
        defer { server.stop() }
        let response = try await fetcher.fetch(request(server.url("/missing"))).get()
        #expect(response.status == 404)
    }

    @Test func redirectsAreReturnedNotFollowed() async throws {
        let server = try FixtureServer(site: FixtureSite(["/r": .redirect(to: "/target")]))
        defer { server.stop() }
        let response = try await fetcher.fetch(request(server.url("/r"))).get()
        #expect(response.status == 301)
        #expect(response.headers["Location"] == "/target")
        #expect(server.requestCount(path: "/target") == 0)
    }

    @Test func gzipIsDecodedTransparently() async throws {
        let text = String(repeating: "compressible ", count: 1000)
        let server = try FixtureServer(site: FixtureSite(["/z": .text(text).gzipped()]))
        defer { server.stop() }
        let response = try await fetcher.fetch(request(server.url("/z"))).get()
        #expect(String(decoding: response.body, as: UTF8.self) == text)
        #expect(response.wireBytes < text.utf8.count)
        #expect(server.requests.first?.header("Accept-Encoding")?.contains("gzip") == true)
    }

    /// Bodies outlive their transfer (parse, then the batch write), so storage they do not use is memory a crawl holds
    /// for nothing: a flat 64 KiB reservation per body was most of the crawl's peak heap on 20 KB pages.
    @Test func bodiesAreHeldInStorageOfTheirSize() async throws {
        let page = Array(repeating: UInt8(ascii: "a"), count: 20_000)
        let text = String(repeating: "compressible ", count: 1000)
        let server = try FixtureServer(site: FixtureSite([
            "/declared": .bytes(page, contentType: "text/html"),
            "/decoded": .text(text).gzipped(),
        ]))
        defer { server.stop() }
        let declared = try await fetcher.fetch(request(server.url("/declared"))).get()
        #expect(declared.body == page)
        #expect(declared.body.capacity <= page.count + 4096, "capacity \(declared.body.capacity)")
        // The declared length is the compressed one: the body grew past it and is trimmed when the transfer ends.
        let decoded = try await fetcher.fetch(request(server.url("/decoded"))).get()
        #expect(decoded.body.count == text.utf8.count)
        #expect(decoded.body.capacity <= text.utf8.count + 4096, "capacity \(decoded.body.capacity)")
    }

    /// Every page's head is stored with it: a head past 128 KiB (under libcurl's own limit) is a failed fetch.
    @Test func anOversizedResponseHeadFailsTheFetch() async throws {
        let filler = String(repeating: "x", count: 1000)
        var huge = FixtureResponse.html("<p>hi</p>")
        for index in 0..<200 { huge = huge.adding(header: "X-Filler-\(index)", filler) }
        let server = try FixtureServer(site: FixtureSite(["/huge": huge, "/fine": .html("<p>fine</p>")]))
        defer { server.stop() }
        guard case .failure(let failure) = await fetcher.fetch(try request(server.url("/huge"))) else {
            Issue.record("a 200 KB head was accepted")
            return
        }
        #expect(failure.kind == .protocolError && failure.message.contains("128 KiB"))
        #expect(try await fetcher.fetch(request(server.url("/fine"))).get().status == 200)
    }

    @Test func bodiesAreCutAtTheCap() async throws {
        let server = try FixtureServer(site: FixtureSite(["/big": .bytes(Array(repeating: 65, count: 300_000), contentType: "text/plain")]))
        defer { server.stop() }
        let response = try await fetcher.fetch(request(server.url("/big"), maxBody: 10_000)).get()
        #expect(response.truncated)
        #expect(response.body.count == 10_000)
    }

    @Test func failuresHaveKinds() async throws {
        var hang = FixtureResponse.html("x")
        hang.behavior = .hang
        var reset = FixtureResponse.html("x")
        reset.behavior = .reset
        let server = try FixtureServer(site: FixtureSite(["/hang": hang, "/reset": reset]))
        defer { server.stop() }
        let timedOut = await fetcher.fetch(try request(server.url("/hang"), timeout: .milliseconds(300)))
        #expect(timedOut.failureKind == .timeout)
        #expect(await fetcher.fetch(try request(server.url("/reset"))).failureKind == .connectionReset)
        #expect(await fetcher.fetch(try request("http://127.0.0.1:9/")).failureKind == .connect)
        // A label longer than DNS allows (63 bytes): the resolver refuses it without a packet leaving the machine,
        // where an ordinary unknown name asked the configured name server (and could time out instead).
        let unresolvable = "http://\(String(repeating: "a", count: 70)).invalid/"
        #expect(await fetcher.fetch(try request(unresolvable)).failureKind == .dns)
    }

    @Test func manyConcurrentTransfersReuseConnections() async throws {
        let server = try FixtureServer(site: FixtureSite(Dictionary(uniqueKeysWithValues: (0..<200).map {
            ("/p/\($0)", FixtureResponse.html("page \($0)"))
        })))
        defer { server.stop() }
        let fetcher = fetcher
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<200 {
                let request = try request(server.url("/p/\(i)"))
                group.addTask { try await fetcher.fetch(request).get().status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.count == 200 && statuses.allSatisfy { $0 == 200 })
        let connections = Set(server.requests.map(\.connectionID))
        #expect(connections.count < 200)
    }
}

extension Result where Failure == FetchFailure {
    var failureKind: FetchFailure.Kind? {
        if case .failure(let failure) = self { return failure.kind }
        return nil
    }
}
