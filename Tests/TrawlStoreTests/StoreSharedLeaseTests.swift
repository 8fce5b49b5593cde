import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Leasing a shared run's origins (PostgreSQL: SQLite runs are crawled by one process).
@Suite(.enabled(if: StoreBackend.available.contains(.postgres)))
struct StoreSharedLeaseTests {
    @Test func originsOfferedBackButKeptCountAgainstTheNewOnes() async throws {
        try await withStore(.postgres) { fixture in
            let store = try #require(fixture.store as? any SharedCrawlStore)
            let run = try await fixture.makeRun(try await fixture.makeJob(), at: 0, status: .running)
            var batch = RunBatch(runID: run.id)
            batch.discovered = try ["a", "b", "c", "d"].map { host in
                let url = try CrawlURL("http://\(host).test/1")
                return FrontierRecord(fingerprint: url.fingerprint, url: url.string, depth: 0, parentURL: nil,
                                      state: .spilled)
            }
            try await fixture.store.commit(batch)
            let part = CrawlShare(runID: run.id, executor: "test", isLead: true)
            let until = fixture.now.addingTimeInterval(60)
            #expect(try await store.join(part, until: until))

            // A part with room for two origins leases two, and claims their URLs.
            let first = try await store.leaseWork(part, release: [], newOrigins: 2, urlsPerOrigin: 10, limit: 100,
                                                  now: fixture.now, until: until)
            #expect(first.leased.count == 2 && first.urls.count == 2)
            // It offers both back as idle and asks for two in their place; their claimed URLs are still waiting, so the
            // store keeps them with the part, and leasing two more would have the part hold four.
            let second = try await store.leaseWork(part, release: first.leased, newOrigins: 2, urlsPerOrigin: 10,
                                                   limit: 100, now: fixture.now, until: until)
            #expect(second.released.isEmpty && second.leased.isEmpty, "\(second)")
            // Without offering any back, room for one more is room for one more.
            let third = try await store.leaseWork(part, release: [], newOrigins: 1, urlsPerOrigin: 10, limit: 100,
                                                  now: fixture.now, until: until)
            #expect(third.leased.count == 1 && Set(third.leased).isDisjoint(with: first.leased))
        }
    }
}
