import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// Triggers firing for real: the service's scheduler over a real store, starting real crawls of a fixture site.
@Suite struct TriggerSchedulerTests {
    let harness: CrawlHarness
    let service: TrawlService

    init() async throws {
        harness = try await CrawlHarness()
        service = await harness.runtime.makeService()
    }

    static func config(_ server: FixtureServer, starting: ConfigValue = .array([])) -> ConfigValue {
        [
            "seeds": [["kind": "static_list", "params": ["urls": [.string(server.url("/"))]]]],
            "policies": [["kind": "robots_txt", "params": ["obey": false]]],
            "speed": ["kind": "fixed", "params": ["delay": "0s", "delay_factor": 0]],
            "stopping_criteria": [["kind": "max_empty_evaluations", "params": ["max_empty_evaluations": 2]]],
            "starting_criteria": starting,
        ]
    }

    static func site() throws -> FixtureServer {
        try FixtureServer(site: FixtureSite(["/": .html("<a href=/a>a</a>"), "/a": .html("a")]))
    }

    /// The first value `body` gives, polled by `waitUntil` (which reports the wait that timed out).
    func eventually<T>(_ body: () async throws -> T?) async throws -> T? {
        try await waitUntil("a trigger's effect", body, until: { $0 != nil })
    }

    /// A job over the fixture site, not started.
    func siteJob(_ server: FixtureServer) async throws -> Job {
        try await service.createJob(JobDraft(name: "site", config: Self.config(server)), tenantID: "acme", startRun: false).0
    }

    func executions(_ trigger: Trigger) async throws -> [TriggerExecution] {
        try await service.listExecutions(of: trigger.id, tenantID: "acme", after: nil, limit: 100)
    }

    /// A schedule with no time left would be stored enabled and silently never fire: refused with the field named,
    /// on creation and when a disabled one is enabled again.
    @Test func aScheduleThatCanNeverFireIsRefused() async throws {
        defer { harness.cleanUp() }
        let server = try Self.site()
        defer { server.stop() }
        let job = try await siteJob(server)
        for expression in ["0 0 0 30 2 ?", "0 0 0 1 1 ? 2001"] {
            do {
                _ = try await service.createTrigger(
                    TriggerDraft(name: "never", condition: ["kind": "schedule", "params": ["expression": .string(expression)]]),
                    jobID: job.id, tenantID: "acme")
                Issue.record("'\(expression)' was accepted")
            } catch .validation(let issues) {
                #expect(issues.map(\.path) == ["condition.params.expression"], "\(issues)")
            } catch {
                Issue.record("'\(expression)': \(error)")
            }
        }
        // A schedule that still has ticks is taken, disabled or not.
        let yearly = try await service.createTrigger(
            TriggerDraft(name: "yearly", condition: ["kind": "schedule", "params": ["expression": "@yearly"]], enabled: false),
            jobID: job.id, tenantID: "acme")
        #expect(try await service.setTrigger(yearly.id, enabled: true, tenantID: "acme").nextFireAt != nil)
    }

    @Test func aScheduleStartsRunsOnItsTicks() async throws {
        defer { harness.cleanUp() }
        let server = try Self.site()
        defer { server.stop() }
        let job = try await siteJob(server)
        try await service.start()
        let trigger = try await service.createTrigger(
            TriggerDraft(name: "every second", condition: ["kind": "schedule", "params": ["expression": "* * * * * ?"]]),
            jobID: job.id, tenantID: "acme")
        let fired = try await eventually { try await executions(trigger).count >= 2 ? try await executions(trigger) : nil }
        let runs = try #require(fired)
        #expect(runs.allSatisfy { $0.status == .started && $0.runID != nil })
        #expect(runs[0].scheduledFor > runs[1].scheduledFor)
        let run = try await service.run(try #require(runs.last?.runID), tenantID: "acme")
        #expect(run.jobID == job.id)
        // Disabled, it fires no more (one firing that read the trigger just before may still be recorded).
        _ = try await service.setTrigger(trigger.id, enabled: false, tenantID: "acme")
        let disabledAt = Date()
        try await Task.sleep(for: .milliseconds(2_500))
        #expect(try await executions(trigger).filter { $0.createdAt > disabledAt }.count <= 1)
        await service.shutdown()
    }

    @Test func ticksMissedWhileDownFireOnceAtStartUp() async throws {
        defer { harness.cleanUp() }
        let server = try Self.site()
        defer { server.stop() }
        let job = try await siteJob(server)
        // As a previous process left it: due three hours ago, every tick since missed. Hourly, so that no new tick
        // comes while the test runs (a minutely one fired again whenever the test crossed a minute).
        let created = try await service.createTrigger(
            TriggerDraft(name: "hourly", condition: ["kind": "schedule", "params": ["expression": "0 * * * *"]]),
            jobID: job.id, tenantID: "acme")
        let latestTick = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
        var stale = created
        stale.nextFireAt = latestTick.addingTimeInterval(-3 * 3_600)
        try await harness.runtime.store.updateTrigger(stale)

        try await service.start()
        let fired = try await eventually { let all = try await executions(created); return all.isEmpty ? nil : all }
        try await Task.sleep(for: .milliseconds(300))
        let all = try await executions(created)
        #expect(all.count == 1)
        #expect(all.first?.status == .started)
        // It answers the latest missed tick (the next, if the test crossed an hour), and the next one is in the future.
        #expect([latestTick, latestTick.addingTimeInterval(3_600)].contains(try #require(fired?.first?.scheduledFor)))
        let after = try await service.trigger(created.id, tenantID: "acme")
        #expect(try #require(after.nextFireAt) > Date())
        #expect(after.lastFiredAt != nil)
        await service.shutdown()
    }

    @Test func aFiringCutShortByACrashRecordsItsRunInsteadOfStartingASecond() async throws {
        defer { harness.cleanUp() }
        let server = try Self.site()
        defer { server.stop() }
        let job = try await siteJob(server)
        // Yearly, so no new tick can come while the test runs and change which tick the firing answers.
        let created = try await service.createTrigger(
            TriggerDraft(name: "new year", condition: ["kind": "schedule", "params": ["expression": "0 0 1 1 *"]]),
            jobID: job.id, tenantID: "acme")
        // As a process killed mid-firing left it: the trigger still due for the last tick, its run already admitted.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let tick = try #require(utc.date(from: DateComponents(year: utc.component(.year, from: Date()), month: 1, day: 1)))
        var due = created
        due.nextFireAt = tick
        try await harness.runtime.store.updateTrigger(due)
        let admitted = try await service.createRun(jobID: job.id, runID: TriggerExecution.runID(for: created.id, scheduledFor: tick),
                                                   tenantID: "acme")

        try await service.start()
        let fired = try await eventually { try await executions(created).first }
        let execution = try #require(fired)
        #expect(execution.status == .started)
        #expect(execution.runID == admitted.id)
        var runsOfJob = RunQuery(tenantID: "acme")
        runsOfJob.jobIDs = [job.id]
        #expect(try await service.listRuns(runsOfJob).count == 1)
        await service.shutdown()
    }

    @Test func onFinishStartsTheNextRunButAManualStopDoesNot() async throws {
        defer { harness.cleanUp() }
        let server = try Self.site()
        defer { server.stop() }
        let (upstream, _) = try await service.createJob(JobDraft(name: "upstream", config: Self.config(server)),
                                                        tenantID: "acme", startRun: false)
        let (downstream, _) = try await service.createJob(JobDraft(name: "downstream", config: Self.config(server)),
                                                          tenantID: "acme", startRun: false)
        try await service.start()
        let chain = try await service.createTrigger(
            TriggerDraft(name: "after upstream",
                         condition: ["kind": "on_finish", "params": ["job_id": .string(upstream.id.description), "delay": "200ms"]]),
            jobID: downstream.id, tenantID: "acme")
        #expect(chain.nextFireAt == nil)

        let first = try await service.createRun(jobID: upstream.id, runID: nil, tenantID: "acme")
        let fired = try await eventually { try await executions(chain).first }
        let execution = try #require(fired)
        #expect(execution.status == .started)
        let upstreamRun = try await service.run(first.id, tenantID: "acme")
        #expect(upstreamRun.status == .finished)
        #expect(execution.scheduledFor.timeIntervalSince(try #require(upstreamRun.finishedAt)) >= 0.199)
        let started = try await service.run(try #require(execution.runID), tenantID: "acme")
        #expect(started.jobID == downstream.id)

        // A run stopped by hand arms nothing. Its seed never answers, so the stop cannot lose a race with the end
        // of the crawl (which would arm the trigger, rightly).
        let silent = try FixtureServer(site: FixtureSite(["/": .html("never").behaving(.hang)]))
        defer { silent.stop() }
        _ = try await service.updateJob(upstream.id, with: JobDraft(name: "upstream", config: Self.config(silent)),
                                        tenantID: "acme")
        let second = try await service.createRun(jobID: upstream.id, runID: nil, tenantID: "acme")
        _ = try await service.stopRun(second.id, tenantID: "acme")
        let stopped = try await eventually { let run = try await service.run(second.id, tenantID: "acme")
            return run.status == .finished ? run : nil }
        #expect(stopped?.stopReason == .manual)
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await executions(chain).count == 1)
        #expect(try await service.trigger(chain.id, tenantID: "acme").nextFireAt == nil)
        await service.shutdown()
    }

    @Test func exclusiveRefusesManualStartsAndSkipsTriggers() async throws {
        defer { harness.cleanUp() }
        // A page that never answers keeps the first run active.
        let server = try FixtureServer(site: FixtureSite(["/": .html("never").behaving(.hang)]))
        defer { server.stop() }
        let exclusive: ConfigValue = [["kind": "exclusive", "params": ["by": "job_id", "limit": 1]]]
        let (job, created) = try await service.createJob(JobDraft(name: "site", config: Self.config(server, starting: exclusive)),
                                                         tenantID: "acme", startRun: true)
        let active = try #require(created)
        try await service.start()
        do {
            _ = try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme")
            Issue.record("a second run was admitted")
        } catch {
            guard case .invalidState(let message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(message.contains("at most 1 active run(s) of this job"))
            #expect(message.contains(active.id.description))
        }
        let trigger = try await service.createTrigger(
            TriggerDraft(name: "every second", condition: ["kind": "schedule", "params": ["expression": "* * * * * ?"]]),
            jobID: job.id, tenantID: "acme")
        let fired = try await eventually { try await executions(trigger).first }
        #expect(fired?.status == .skipped)
        #expect(fired?.runID == nil)
        #expect(fired?.reason?.contains("exclusive") == true)
        _ = try await service.setTrigger(trigger.id, enabled: false, tenantID: "acme")
        // A firing under way when it was disabled must be recorded (refused) before the slot frees, or it could take it.
        var recorded = try await executions(trigger).count
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(300))
            let now = try await executions(trigger).count
            if now == recorded { break }
            recorded = now
        }

        // Once the active run is stopped the group has room again.
        _ = try await service.stopRun(active.id, tenantID: "acme")
        let next = try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme")
        #expect(next.status == .pending || next.status == .running)
        _ = try await service.stopRun(next.id, tenantID: "acme")
        await service.shutdown()
    }
}
