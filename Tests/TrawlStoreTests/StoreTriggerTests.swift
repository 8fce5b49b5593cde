import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Triggers, their executions and run admission (starting criteria), on every backend.
@Suite struct StoreTriggerTests {
    @Test(arguments: StoreBackend.available)
    func triggersRoundTripAndAreTenantScoped(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let job = try await fixture.makeJob()
            let trigger = try fixture.schedule(job, due: now.addingTimeInterval(60))
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
    }

    /// A constraint the database enforces (here the trigger's job, gone) is a conflict in the store's own words: the
    /// database's (constraint and table names) are the operator's detail, because a tenant reads the message in a 409.
    @Test(arguments: StoreBackend.available)
    func aConstraintFailureKeepsTheDatabasesWordsOutOfTheMessage(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let orphan = try fixture.schedule(try await fixture.makeJob(), due: fixture.now)
            #expect(try await fixture.store.deleteJob(orphan.jobID, tenantID: "acme"))
            do {
                try await fixture.store.insertTrigger(orphan)
                Issue.record("a trigger of a deleted job was stored")
            } catch let error as StoreError {
                #expect(error.kind == .conflict)
                #expect(error.message.hasSuffix("it conflicts with stored data"), "\(error.message)")
                let words = error.message.lowercased()
                #expect(!words.contains("foreign") && !words.contains("constraint") && !words.contains("triggers"))
                #expect(error.detail?.lowercased().contains("foreign key") == true, "\(error.detail ?? "no detail")")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func dueTimesAcrossTenantsSkipDisabledTriggers(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let acme = try await fixture.makeJob()
            let other = try await fixture.makeJob(tenant: "other")
            let early = try fixture.schedule(acme, due: now.addingTimeInterval(-120))
            let late = try fixture.schedule(other, due: now.addingTimeInterval(-60), at: 1)
            let future = try fixture.schedule(acme, due: now.addingTimeInterval(600), at: 2)
            let disabled = try fixture.schedule(acme, due: now.addingTimeInterval(-600), enabled: false, at: 3)
            for trigger in [early, late, future, disabled] { try await store.insertTrigger(trigger) }
            #expect(try await store.dueTriggers(at: now).map(\.id) == [early.id, late.id])
            #expect(try await store.nextDueTime() == early.nextFireAt)
        }
    }

    /// A schedule may fire every second and each firing writes an execution: a trigger keeps its most recent 1,000,
    /// or one tenant's thousand triggers would write 86 million rows a day.
    @Test(arguments: StoreBackend.available)
    func aTriggerKeepsItsMostRecentExecutionsOnly(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let job = try await fixture.makeJob()
            let trigger = try fixture.schedule(job, due: now)
            try await store.insertTrigger(trigger)
            let kept = TriggerExecution.retainedPerTrigger
            for i in 0..<(kept + 5) {
                let execution = TriggerExecution(triggerID: trigger.id, tenantID: "acme", jobID: job.id, status: .skipped,
                                                 runID: nil, reason: "full", scheduledFor: now.addingTimeInterval(Double(i)),
                                                 createdAt: now.addingTimeInterval(Double(i)))
                try await store.record(execution, firing: trigger)
            }
            var all: [TriggerExecution] = []
            var after: (createdAt: Date, id: TriggerExecutionID)?
            while true {
                let page = try await store.executions(of: trigger.id, after: after, limit: 400)
                guard let last = page.last else { break }
                all += page
                after = (last.createdAt, last.id)
            }
            #expect(all.count == kept)
            #expect(all.first?.scheduledFor == now.addingTimeInterval(Double(kept + 4)))
            #expect(all.last?.scheduledFor == now.addingTimeInterval(5))
        }
    }

    @Test(arguments: StoreBackend.available)
    func recordingAnExecutionSavesTheTriggerInTheSameTransaction(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let job = try await fixture.makeJob()
            var trigger = try fixture.schedule(job, due: now)
            try await store.insertTrigger(trigger)
            var executions: [TriggerExecution] = []
            for i in 0..<3 {
                trigger.lastFiredAt = now.addingTimeInterval(Double(i))
                trigger.nextFireAt = now.addingTimeInterval(86_400 * Double(i + 1))
                let execution = TriggerExecution(triggerID: trigger.id, tenantID: "acme", jobID: job.id,
                                                 status: i == 1 ? .skipped : .started, runID: i == 1 ? nil : RunID(),
                                                 reason: i == 1 ? "full" : nil,
                                                 scheduledFor: now.addingTimeInterval(86_400 * Double(i)),
                                                 createdAt: now.addingTimeInterval(Double(i)))
                try await store.record(execution, firing: trigger)
                executions.append(execution)
            }
            #expect(try await store.trigger(trigger.id, tenantID: "acme") == trigger)
            #expect(try await store.executions(of: trigger.id, after: nil, limit: 10) == executions.reversed())

            // The same tick recorded again (a second server fired it too) changes no times and adds no record; its
            // `started` outcome replaces a `skipped` one, so the tick shows the run it started.
            let replay = TriggerExecution(triggerID: trigger.id, tenantID: "acme", jobID: job.id, status: .started,
                                          runID: RunID(), reason: nil, scheduledFor: executions[1].scheduledFor,
                                          createdAt: now.addingTimeInterval(10))
            var moved = trigger
            moved.nextFireAt = now.addingTimeInterval(999_999)
            try await store.record(replay, firing: moved)
            #expect(try await store.trigger(trigger.id, tenantID: "acme") == trigger)
            var replayed = try await store.executions(of: trigger.id, after: nil, limit: 10)
            #expect(replayed.count == 3)
            #expect(replayed[1].status == .started && replayed[1].runID == replay.runID && replayed[1].reason == nil)
            replayed[1] = executions[1]
            #expect(replayed == executions.reversed())
            let second = executions[1]
            #expect(try await store.executions(of: trigger.id, after: (second.createdAt, second.id), limit: 10) == [executions[0]])
            // Deleting the job takes its triggers and their executions with it.
            _ = try await store.deleteJob(job.id, tenantID: "acme")
            #expect(try await store.trigger(trigger.id, tenantID: "acme") == nil)
            #expect(try await store.executions(of: trigger.id, after: nil, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func admissionCountsActiveRunsOfTheGroup(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let job = try await fixture.makeJob(exclusive: [ExclusiveRule(by: .job, limit: 2)])
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
            let other = try await fixture.makeJob()
            #expect(try await store.admitRun(Run(job: other, createdAt: now), newJob: nil, under: rules) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func admissionGroupsByTenantAndByLabels(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let search = try await fixture.makeJob(labels: ["team": "search", "env": "prod"])
            let ads = try await fixture.makeJob(labels: ["team": "ads", "env": "prod"])
            let byTeam = [ExclusiveRule(by: .labels(keys: ["team"]), limit: 1)]
            #expect(try await store.admitRun(Run(job: search, createdAt: now), newJob: nil, under: byTeam) == nil)
            #expect(try await store.admitRun(Run(job: search, createdAt: now), newJob: nil, under: byTeam) != nil)
            #expect(try await store.admitRun(Run(job: ads, createdAt: now), newJob: nil, under: byTeam) == nil)
            let byEnv = [ExclusiveRule(by: .labels(keys: ["env"]), limit: 2)]
            #expect(try await store.admitRun(Run(job: ads, createdAt: now), newJob: nil, under: byEnv) != nil)
            let byTenant = [ExclusiveRule(by: .tenant, limit: 2)]
            #expect(try await store.admitRun(Run(job: ads, createdAt: now), newJob: nil, under: byTenant) != nil)
            let elsewhere = try await fixture.makeJob(tenant: "other", labels: ["team": "search", "env": "prod"])
            #expect(try await store.admitRun(Run(job: elsewhere, createdAt: now), newJob: nil, under: byTenant + byTeam) == nil)
        }
    }
}

extension StoreFixture {
    /// A daily schedule trigger on `job`, due at `due`, created `offset` seconds after `now`.
    func schedule(_ job: Job, due: Date?, enabled: Bool = true, at offset: Double = 0) throws -> Trigger {
        Trigger(tenantID: job.tenantID, jobID: job.id, name: "nightly",
                condition: try TriggerCondition(from: ["kind": "schedule", "params": ["expression": "0 3 * * *"]]),
                enabled: enabled, nextFireAt: due, createdAt: now.addingTimeInterval(offset),
                updatedAt: now.addingTimeInterval(offset))
    }
}
