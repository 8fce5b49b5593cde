import Foundation
import Testing
import TrawlCore
import TrawlTestSupport
@testable import TrawlFetch

/// Response bodies are held within one process-wide budget: transfers wait for memory instead of growing it.
@Suite struct BodyMemoryBudgetTests {
    private let big = Array(repeating: UInt8(ascii: "x"), count: 1 << 20)

    private func request(_ server: FixtureServer, _ path: String) throws -> FetchRequest {
        FetchRequest(url: try CrawlURL(server.url(path)), userAgent: "TrawlTest/1.0", timeout: .seconds(20))
    }

    /// Eight 1 MiB bodies at once through a 128 KiB budget: all arrive, whole, but downloads beyond the budget run
    /// one at a time, so memory peaks at about one body over the budget rather than eight bodies.
    @Test func transfersWaitForMemoryAndAllArrive() async throws {
        let server = try FixtureServer(site: FixtureSite(Dictionary(uniqueKeysWithValues: (0..<8).map {
            ("/big/\($0)", FixtureResponse.bytes(big, contentType: "application/octet-stream"))
        })))
        defer { server.stop() }
        let budget = BodyMemoryBudget(capacity: 128 << 10)
        var options = CurlFetcher.Options()
        options.bodyMemory = budget
        let fetcher = CurlFetcher(options: options)
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                let request = try request(server, "/big/\(index)")
                group.addTask {
                    // The body is dropped as soon as it is checked, as a stored page's is after its batch commits.
                    switch await fetcher.fetch(request) {
                    case .success(let response): return response.body.count
                    case .failure(let failure): throw failure
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sizes == Array(repeating: 1 << 20, count: 8))
        // Unbudgeted, the eight downloads run at once: 8 MiB in flight. Here one download runs past the budget at a
        // time (bodies already arrived are the stored pages' to release, and are not counted here).
        #expect(budget.peakDownloading <= budget.capacity + (1 << 20) + (256 << 10), "peak \(budget.peakDownloading)")
        #expect(budget.used == 0, "every lease was given back")
    }

    /// A body held by a response (a page not yet stored) keeps its bytes; letting go of it wakes waiting transfers.
    @Test func aHeldBodyHoldsItsBytesUntilReleased() async throws {
        let server = try FixtureServer(site: FixtureSite(["/a": .bytes(big, contentType: "text/plain"),
                                                          "/b": .bytes(big, contentType: "text/plain")]))
        defer { server.stop() }
        let budget = BodyMemoryBudget(capacity: 64 << 10)
        var options = CurlFetcher.Options()
        options.bodyMemory = budget
        let fetcher = CurlFetcher(options: options)
        var first: FetchResponse? = try await fetcher.fetch(try request(server, "/a")).get()
        #expect(budget.used == 1 << 20)
        #expect(first?.lease != nil)
        // Over budget with no download under way, the next one goes on (the held body is stored soon enough).
        let second = try await fetcher.fetch(try request(server, "/b")).get()
        #expect(second.body.count == 1 << 20)
        #expect(budget.used == 2 << 20)
        first = nil
        #expect(budget.used == 1 << 20, "only the second body is held now")
        _ = first
    }

    @Test func theLongestHoldingDownloadMayAlwaysGoOn() {
        let budget = BodyMemoryBudget(capacity: 100)
        let first = NSObject(), second = NSObject()
        let a = ObjectIdentifier(first), b = ObjectIdentifier(second)
        defer { withExtendedLifetime((first, second)) {} }
        #expect(budget.reserve(60, for: a))
        #expect(budget.reserve(30, for: b))
        #expect(!budget.reserve(30, for: b), "over budget, and not the oldest")
        #expect(budget.reserve(30, for: a), "the oldest download overdraws rather than deadlock")
        var lease = budget.finishDownload(a)
        #expect(budget.used == 120)
        #expect(budget.reserve(30, for: b), "b is the oldest download now")
        lease = nil
        #expect(budget.used == 60)
        _ = budget.finishDownload(b)
        #expect(budget.used == 0)
        _ = lease
    }

    /// A holder that stops receiving (its server went quiet) loses its turn past the budget after a moment, so it
    /// cannot freeze every other download until its timeout.
    @Test func aStalledHolderYieldsItsTurn() throws {
        let budget = BodyMemoryBudget(capacity: 100)
        let first = NSObject(), second = NSObject()
        defer { withExtendedLifetime((first, second)) {} }
        #expect(budget.reserve(90, for: ObjectIdentifier(first)))
        #expect(budget.reserve(5, for: ObjectIdentifier(second)))
        #expect(!budget.reserve(50, for: ObjectIdentifier(second)), "the older holder is still receiving")
        Thread.sleep(forTimeInterval: 2.2)
        #expect(budget.reserve(50, for: ObjectIdentifier(second)), "the older holder has been quiet for 2 s")
    }
}
