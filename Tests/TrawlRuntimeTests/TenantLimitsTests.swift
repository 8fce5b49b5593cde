import Foundation
import Testing
import TrawlCore
@testable import TrawlRuntime

/// The server's limits on what one tenant holds: jobs, triggers and active runs, counted by the store in the
/// transaction that inserts, so that concurrent requests cannot slip past; another tenant is never affected. Runs
/// stay pending here (an API-only process executes nothing), so they count as active for the whole test.
@Suite struct TenantLimitsTests {
    let harness: CrawlHarness
    let service: TrawlService

    init() async throws {
        harness = try await CrawlHarness { configuration in
            configuration.role = .api
            configuration.tenantLimits = TenantLimits(jobs: 3, triggers: 2, activeRuns: 2, concurrentReads: 2)
        }
        service = await harness.runtime.makeService()
    }

    static let config: ConfigValue = [
        "seeds": [["kind": "static_list", "params": ["urls": ["http://127.0.0.1:9/"]]]],
    ]

    func draft(_ name: String) -> JobDraft { JobDraft(name: name, config: Self.config) }

    func expectQuota(_ what: String, _ body: () async throws(ServiceError) -> Void) async {
        do {
            try await body()
            Issue.record("\(what) was allowed past the quota")
        } catch {
            if case .quotaExceeded(let message, _) = error {
                #expect(message.contains("the most this server allows"), "\(message)")
            } else {
                Issue.record("\(what): \(error)")
            }
        }
    }

    /// Twenty creations at once against a limit of three: exactly three jobs exist afterwards, whichever way the
    /// requests interleave, and creating a job with its first run counts against the same limit.
    @Test func jobsStopAtTheLimitEvenWhenCreatedAtOnce() async throws {
        defer { harness.cleanUp() }
        let service = service
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<20 {
                group.addTask { (try? await service.createJob(draft("job-\(i)"), tenantID: "acme", startRun: false)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 3)
        var query = JobQuery(tenantID: "acme")
        query.limit = 100
        #expect(try await service.listJobs(query).count == 3)
        await expectQuota("a job with its first run") { () async throws(ServiceError) in
            _ = try await service.createJob(draft("with-run"), tenantID: "acme", startRun: true)
        }
        #expect(try await service.listJobs(query).count == 3)
        // Another tenant's limit is its own.
        #expect(try await service.createJob(draft("theirs"), tenantID: "globex", startRun: false).0.name == "theirs")
        // A deleted job frees its place.
        try await service.deleteJob(try await service.listJobs(query)[0].id, tenantID: "acme")
        #expect(try await service.createJob(draft("again"), tenantID: "acme", startRun: true).1 != nil)
    }

    @Test func triggersStopAtTheLimit() async throws {
        defer { harness.cleanUp() }
        let job = try await service.createJob(draft("job"), tenantID: "acme", startRun: false).0
        let hourly = TriggerDraft(name: "hourly", condition: ["kind": "schedule", "params": ["expression": "@hourly"]])
        for _ in 0..<2 { _ = try await service.createTrigger(hourly, jobID: job.id, tenantID: "acme") }
        await expectQuota("a third trigger") { () async throws(ServiceError) in _ = try await service.createTrigger(hourly, jobID: job.id, tenantID: "acme") }
        var query = TriggerQuery(tenantID: "acme")
        query.limit = 100
        #expect(try await service.listTriggers(query).count == 2)
    }

    /// Searches and run-data reads each hold one of the tenant's read slots while they run: with every slot taken (here
    /// by the test, as two slow reads would), the next is refused at once with a second's wait, and another tenant's
    /// reads go on.
    @Test func readsPastTheTenantsSlotsAreRefused() async throws {
        defer { harness.cleanUp() }
        let (_, run) = try await service.createJob(draft("job"), tenantID: "acme", startRun: true)
        let runID = try #require(run).id
        var held = [service.reads.take(for: "acme"), service.reads.take(for: "acme")]
        #expect(held.allSatisfy { $0 != nil })
        await expectQuota("a third search") { () async throws(ServiceError) in
            _ = try await service.search(SearchQuery(tenantID: "acme", text: "docs"), mode: .text)
        }
        await expectQuota("a third log read") { () async throws(ServiceError) in
            _ = try await service.runLog(RunLogQuery(runID: runID), tenantID: "acme")
        }
        _ = try await service.search(SearchQuery(tenantID: "globex", text: "docs"), mode: .text)
        // A hybrid search reads twice at once, and counts twice: with one slot left it is refused, a text one is not.
        held.removeLast()
        await expectQuota("a hybrid search on one slot") { () async throws(ServiceError) in
            _ = try await service.search(SearchQuery(tenantID: "acme", text: "docs"), mode: .hybrid)
        }
        _ = try await service.search(SearchQuery(tenantID: "acme", text: "docs"), mode: .text)
        held.removeAll()
        _ = try await service.search(SearchQuery(tenantID: "acme", text: "docs"), mode: .text)
        #expect(service.reads.count(for: "acme") == 0)
    }

    /// A trigger that fires while its tenant is at the active-run limit starts nothing and says why.
    @Test func aFiringAtTheActiveRunLimitIsSkipped() async throws {
        defer { harness.cleanUp() }
        let job = try await service.createJob(draft("job"), tenantID: "acme", startRun: true).0
        _ = try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme")
        try await service.start()
        let trigger = try await service.createTrigger(
            TriggerDraft(name: "every second", condition: ["kind": "schedule", "params": ["expression": "* * * * * ?"]]),
            jobID: job.id, tenantID: "acme")
        let executions = try await waitUntil("a firing", {
            try await service.listExecutions(of: trigger.id, tenantID: "acme", after: nil, limit: 10)
        }, until: { !$0.isEmpty })
        await service.shutdown()
        #expect(executions.first?.status == .skipped && executions.first?.runID == nil)
        #expect(executions.first?.reason?.contains("active runs") == true, "\(executions.first?.reason ?? "-")")
    }

    /// Active runs (pending, running, paused) count across the tenant's jobs; a stopped run frees its place.
    @Test func activeRunsStopAtTheLimit() async throws {
        defer { harness.cleanUp() }
        let first = try await service.createJob(draft("first"), tenantID: "acme", startRun: true)
        let second = try await service.createJob(draft("second"), tenantID: "acme", startRun: false).0
        _ = try await service.createRun(jobID: second.id, runID: nil, tenantID: "acme")
        await expectQuota("a third active run") { () async throws(ServiceError) in _ = try await service.createRun(jobID: second.id, runID: nil, tenantID: "acme") }
        let run = try #require(first.1)
        _ = try await service.stopRun(run.id, tenantID: "acme")
        #expect(try await service.createRun(jobID: second.id, runID: nil, tenantID: "acme").status == .pending)
    }
}
