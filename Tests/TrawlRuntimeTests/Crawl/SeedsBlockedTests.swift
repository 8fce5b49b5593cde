import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// A run whose every seed the address policy refuses ends `empty_seed` and says why, instead of `error: null`.
@Suite struct SeedsBlockedTests {
    @Test func seedsRefusedByTheAddressPolicyEndWithTheReason() async throws {
        let site = try FixtureServer(handler: Sites.tree(depth: 1, fanout: 2))
        defer { site.stop() }
        let harness = try await CrawlHarness(addressPolicy: .publicOnly)
        defer { harness.cleanUp() }
        let service = await harness.runtime.makeService()
        try await service.start()
        let config: ConfigValue = ["seeds": [["kind": "static_list", "params": ["urls": [.string(site.url("/"))]]]]]
        let (_, created) = try await service.createJob(JobDraft(name: "blocked", config: config), tenantID: "acme",
                                                       startRun: true)
        let run = try await waitUntil("the run to finish") { try await service.run(try #require(created).id, tenantID: "acme") }
            until: { $0.status == .finished }
        #expect(run.stopReason == .emptySeed)
        #expect(run.error?.code == "seeds_blocked", "\(String(describing: run.error))")
        #expect(site.requests.isEmpty)
        await service.shutdown()
    }
}
