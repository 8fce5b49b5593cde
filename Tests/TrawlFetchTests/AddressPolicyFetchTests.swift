import Foundation
import Testing
import TrawlCore
import TrawlFetch
import TrawlTestSupport

/// The address policy enforced by the real libcurl fetcher against the local fixture server (127.0.0.1).
@Suite struct AddressPolicyFetchTests {
    let fetcher = CurlFetcher()

    func request(_ url: String, policy: AddressPolicy) throws -> FetchRequest {
        FetchRequest(url: try CrawlURL(url), userAgent: "Trawl-test/1.0", timeout: .seconds(5),
                     connectTimeout: .seconds(2), addressPolicy: policy)
    }

    @Test func publicOnlyRefusesLoopbackWithoutSendingARequest() async throws {
        let server = try FixtureServer(site: FixtureSite(["/": .html("x")]))
        defer { server.stop() }
        let result = await fetcher.fetch(try request(server.url("/"), policy: .publicOnly))
        let failure = try #require(result.failure)
        #expect(failure.kind == .blockedAddress)
        // Why, without where: the address a name resolved to is the server's to know.
        #expect(!failure.message.contains("127.0.0.1"))
        #expect(failure.message.contains("loopback"))
        #expect(server.requests.isEmpty)
    }

    @Test func allowAllFetchesLoopback() async throws {
        let server = try FixtureServer(site: FixtureSite(["/": .html("x")]))
        defer { server.stop() }
        let response = try await fetcher.fetch(request(server.url("/"), policy: .allowAll)).get()
        #expect(response.status == 200)
        #expect(server.requests.count == 1)
    }

    @Test func aPolicyThatPermitsTheAddressFetchesThroughTheChecks() async throws {
        // Installs both callbacks (including our own socket opening) yet allows loopback.
        let server = try FixtureServer(site: FixtureSite(["/": .html("x")]))
        defer { server.stop() }
        let policy = AddressPolicy(blocking: [.metadata, .linkLocal])
        let response = try await fetcher.fetch(request(server.url("/"), policy: policy)).get()
        #expect(response.status == 200)
        #expect(response.body == Array("x".utf8))
        let again = try await fetcher.fetch(request(server.url("/"), policy: policy)).get()
        #expect(again.status == 200)
    }

    @Test func aReusedKeepAliveConnectionIsStillChecked() async throws {
        let server = try FixtureServer(site: FixtureSite(["/": .html("x")]))
        defer { server.stop() }
        let first = try await fetcher.fetch(request(server.url("/"), policy: .allowAll)).get()
        #expect(first.status == 200)
        let blocked = await fetcher.fetch(try request(server.url("/"), policy: .publicOnly))
        #expect(blocked.failure?.kind == .blockedAddress)
        #expect(server.requests.count == 1)
        // The refusal leaves the fetcher usable for permitted requests.
        let after = try await fetcher.fetch(request(server.url("/"), policy: .allowAll)).get()
        #expect(after.status == 200)
        #expect(server.requests.count == 2)
    }

    @Test func hostnamesAreCheckedOnTheResolvedAddress() async throws {
        let server = try FixtureServer(site: FixtureSite(["/": .html("x")]))
        defer { server.stop() }
        let result = await fetcher.fetch(try request("http://localhost:\(server.port)/", policy: .publicOnly))
        #expect(result.failure?.kind == .blockedAddress)
        #expect(server.requests.isEmpty)
    }

    @Test func redirectTargetsAreCheckedAsTheirOwnRequests() async throws {
        // The engine fetches each hop itself, so a hop to a private address is just another blocked request;
        // here the hop hides loopback in IPv4-mapped IPv6 form.
        let target = try FixtureServer(site: FixtureSite(["/": .html("secret")]))
        defer { target.stop() }
        let server = try FixtureServer(site: FixtureSite(["/r": .redirect(to: "http://[::ffff:127.0.0.1]:\(target.port)/")]))
        defer { server.stop() }
        let hop = try await fetcher.fetch(request(server.url("/r"), policy: .allowAll)).get()
        let location = try #require(hop.headers["Location"])
        let result = await fetcher.fetch(try request(location, policy: .publicOnly))
        #expect(result.failure?.kind == .blockedAddress)
        #expect(result.failure?.message.contains("loopback") == true)
        #expect(target.requests.isEmpty)
    }
}

extension Result where Failure == FetchFailure {
    var failure: FetchFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
