import Foundation
import Testing
import TrawlCore
import TrawlStore

/// Triggers, their executions and run admission (starting criteria) in the SQLite store.
@Suite struct SQLiteStoreTriggerTests {
    let directory: URL
    let store: SQLiteStore
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-store-\(UUID().uuidString)")
        store = try SQLiteStore(path: directory.appendingPathComponent("trawl.db").path)
    }

    func makeJob(tenant: String = "acme", labels: [String: String] = [:], exclusive: [ExclusiveRule] = []) async throws -> Job {
        var config = CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])])
        config.starting.exclusive = exclusive
        let job = Job(tenantID: tenant, name: "docs", labels: labels, config: config, createdAt: now, updatedAt: now)
        try await store.insertJob(job)
        return job
    }

    func schedule(_ job: Job, due: Date?, enabled: Bool = true, at offset: Double = 0) throws -> Trigger {
        Trigger(tenantID: job.tenantID, jobID: job.id, name: "nightly",
                condition: try TriggerCondition(from: ["kind": "schedule", "params": ["expression": "0 3 * * *"]]),
                enabled: enabled, nextFireAt: due, createdAt: now.addingTimeInterval(offset),
                updatedAt: now.addingTimeInterval(offset))
    }

    @Test func triggersRoundTripAndAreTenantScoped() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let job = try await makeJob()
        let trigger = try schedule(job, due: now.addingTimeInterval(60))
        try await store.insertTrigger(trigger)
        #expect(try await store.trigger(trigger.id, tenantID: "acme") == trigger)
        #expect(try await store.trigger(trigger.id, tenantID: "other") == nil)
        var onFinish = Trigger(tenantID: "acme", jobID: job.id, name: "chain", condition: .onFinish(delay: .seconds(30), watchedJobID: nil),
                               enabled: false, nextFireAt: nil, createdAt: now.addingTimeInterval(1), updatedAt: now)
        try await store.insertTrigger(onFinish)
        var query = TriggerQuery(tenantID: "acme")
        #expect(try await store.triggers(matching: query).map(\.id) == [onFinish.id, trigger.id])
        query.kinds = [.onFinish]
        #expect(try await store.triggers(matching: query).map(\.id) == [onFinish.id])
        query = TriggerQuery(tenantID: "acme")
        query.enabled = true
        #expect(try await store.triggers(matching: query).map(\.id) == [trigger.id])
        query.enabled = nil
        query.limit = 1
        query.after = (onFinish.createdAt, onFinish.id)
        #expect(try await store.triggers(matching: query).map(\.id) == [trigger.id])
        onFinish.enabled = true
        try await store.updateTrigger(onFinish)
        #expect(try await store.trigger(onFinish.id, tenantID: "acme")?.enabled == true)
        #expect(try await store.deleteTrigger(onFinish.id, tenantID: "other") == false)
        #expect(try await store.deleteTrigger(onFinish.id, tenantID: "acme"))
        #expect(try await store.trigger(onFinish.id, tenantID: "acme") == nil)
    }

    @Test func dueTimesAcrossTenantsSkipDisabledTriggers() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let acme = try await makeJob()
        let other = try await makeJob(tenant: "other")
        let early = try schedule(acme, due: now.addingTimeInterval(-120))
        let late = try schedule(other, due: now.addingTimeInterval(-60), at: 1)
        let future = try schedule(acme, due: now.addingTimeInterval(600), at: 2)
        let disabled = try schedule(acme, due: now.addingTimeInterval(-600), enabled: false, at: 3)
        for trigger in [early, late, future, disabled] { try await store.insertTrigger(trigger) }
        #expect(try await store.dueTriggers(at: now).map(\.id) == [early.id, late.id])
        #expect(try await store.nextDueTime() == early.nextFireAt)
    }

    @Test func recordingAnExecutionSavesTheTriggerInTheSameTransaction() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let job = try await makeJob()
        var trigger = try schedule(job, due: now)
        try await store.insertTrigger(trigger)
        var executions: [TriggerExecution] = []
        for i in 0..<3 {
            trigger.lastFiredAt = now.addingTimeInterval(Double(i))
            trigger.nextFireAt = now.addingTimeInterval(86_400 * Double(i + 1))
            let execution = TriggerExecution(triggerID: trigger.id, tenantID: "acme", jobID: job.id,
                                             status: i == 1 ? .skipped : .started, runID: i == 1 ? nil : RunID(),
                                             reason: i == 1 ? "full" : nil, scheduledFor: now,
                                             createdAt: now.addingTimeInterval(Double(i)))
            try await store.record(execution, firing: trigger)
            executions.append(execution)
        }
        #expect(try await store.trigger(trigger.id, tenantID: "acme") == trigger)
        #expect(try await store.executions(of: trigger.id, after: nil, limit: 10) == executions.reversed())
        let second = executions[1]
        #expect(try await store.executions(of: trigger.id, after: (second.createdAt, second.id), limit: 10) == [executions[0]])
        // Deleting the job takes its triggers and their executions with it.
        _ = try await store.deleteJob(job.id, tenantID: "acme")
        #expect(try await store.trigger(trigger.id, tenantID: "acme") == nil)
        #expect(try await store.executions(of: trigger.id, after: nil, limit: 10).isEmpty)
    }

    @Test func admissionCountsActiveRunsOfTheGroup() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let job = try await makeJob(exclusive: [ExclusiveRule(by: .job, limit: 2)])
        let rules = job.config.starting.exclusive
        let first = Run(job: job, createdAt: now)
        #expect(try await store.admitRun(first, newJob: nil, under: rules) == nil)
        var second = Run(job: job, createdAt: now.addingTimeInterval(1))
        #expect(try await store.admitRun(second, newJob: nil, under: rules) == nil)
        let refused = try #require(try await store.admitRun(Run(job: job, createdAt: now), newJob: nil, under: rules))
        #expect(Set(refused.activeRunIDs) == [first.id, second.id])
        #expect(refused.description.contains("at most 2 active run(s) of this job"))
        // A paused run still holds its place; a finished one frees it.
        second.status = .finished
        second.stopReason = .manual
        try await store.updateRun(second)
        #expect(try await store.admitRun(Run(job: job, createdAt: now), newJob: nil, under: rules) == nil)
        // Other jobs are other groups.
        let other = try await makeJob()
        #expect(try await store.admitRun(Run(job: other, createdAt: now), newJob: nil, under: rules) == nil)
    }

    @Test func admissionGroupsByTenantAndByLabels() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let search = try await makeJob(labels: ["team": "search", "env": "prod"])
        let ads = try await makeJob(labels: ["team": "ads", "env": "prod"])
        let byTeam = [ExclusiveRule(by: .labels(keys: ["team"]), limit: 1)]
        #expect(try await store.admitRun(Run(job: search, createdAt: now), newJob: nil, under: byTeam) == nil)
        #expect(try await store.admitRun(Run(job: search, createdAt: now), newJob: nil, under: byTeam) != nil)
        #expect(try await store.admitRun(Run(job: ads, createdAt: now), newJob: nil, under: byTeam) == nil)
        let byEnv = [ExclusiveRule(by: .labels(keys: ["env"]), limit: 2)]
        #expect(try await store.admitRun(Run(job: ads, createdAt: now), newJob: nil, under: byEnv) != nil)
        let byTenant = [ExclusiveRule(by: .tenant, limit: 2)]
        #expect(try await store.admitRun(Run(job: ads, createdAt: now), newJob: nil, under: byTenant) != nil)
        let elsewhere = try await makeJob(tenant: "other", labels: ["team": "search", "env": "prod"])
        #expect(try await store.admitRun(Run(job: elsewhere, createdAt: now), newJob: nil, under: byTenant + byTeam) == nil)
    }
}
