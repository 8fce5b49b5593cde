import Foundation
import Testing
import TrawlCore
import TrawlRuntime

/// `/metrics` is unauthenticated: its counts of runs and frontier rows are read from the store at most once per
/// freshness period, so a flood of scrapes costs one count per period (`SharedReadTests` shows the catching up).
@Suite struct StatisticsReadTests {
    @Test func scrapesWithinTheFreshnessShareOneCount() async throws {
        let harness = try await CrawlHarness { configuration in
            configuration.role = .api  // runs stay pending: the counts move only when the test creates one
            configuration.statisticsFreshness = .seconds(3_600)  // the expiry is SharedReadTests' to show
        }
        defer { harness.cleanUp() }
        let service = await harness.runtime.makeService()
        let config: ConfigValue = ["seeds": [["kind": "static_list", "params": ["urls": ["http://127.0.0.1:9/"]]]]]
        let job = try await service.createJob(JobDraft(name: "job", config: config), tenantID: "acme", startRun: true).0
        #expect(try await service.statistics().runsByStatus[.pending] == 1)
        _ = try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme")
        // A burst of scrapes right after: all answered from the count already made.
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 { group.addTask { try await service.statistics().runsByStatus[.pending] ?? -1 } }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(counts == [1])
    }
}
