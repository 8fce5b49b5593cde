import Foundation
import Testing
import TrawlCore

@Suite struct TriggerConditionTests {
    @Test func readsASchedule() throws {
        let condition = try TriggerCondition(from: ["kind": "schedule", "params": ["expression": "0 30 2 * * ? 2030"]])
        guard case .schedule(let text, let cron) = condition else { Issue.record("not a schedule"); return }
        #expect(text == "0 30 2 * * ? 2030")
        #expect(cron == (try CronExpression("0 30 2 * * ? 2030")))
        #expect(condition.configValue == ["kind": "schedule", "params": ["expression": "0 30 2 * * ? 2030"]])
    }

    @Test func readsOnFinishWithDefaults() throws {
        let condition = try TriggerCondition(from: ["kind": "on_finish"])
        #expect(condition == .onFinish(delay: .zero, watchedJobID: nil))
        let watched = JobID()
        let delayed = try TriggerCondition(from: ["kind": "on_finish",
                                                  "params": ["delay": "10m", "job_id": .string(watched.description)]])
        #expect(delayed == .onFinish(delay: .seconds(600), watchedJobID: watched))
        #expect(try TriggerCondition(from: delayed.configValue) == delayed)
    }

    static let badConditions: [(ConfigValue, String)] = [
        (["kind": "schedule", "params": ["expression": "61 * * * *"]], "condition.params.expression"),
        (["kind": "schedule", "params": [:]], "condition.params.expression"),
        (["kind": "cron", "params": ["expression": "* * * * *"]], "condition.kind"),
        (["kind": "on_finish", "params": ["delay": "later"]], "condition.params.delay"),
        (["kind": "on_finish", "params": ["job_id": "nope"]], "condition.params.job_id"),
        (["kind": "on_finish", "params": ["dealy": "1m"]], "condition.params"),
        // A due time past what a stored time holds crashed the server on PostgreSQL when the watched run finished.
        (["kind": "on_finish", "params": ["delay": .int(.max)]], "condition.params.delay"),
    ]

    @Test(arguments: badConditions)
    func reportsTheFieldAtFault(_ value: ConfigValue, _ path: String) {
        do {
            _ = try TriggerCondition(from: value)
            Issue.record("accepted \(value)")
        } catch {
            #expect(error.issues.map(\.path).contains(path), "\(error.issues)")
        }
    }

    @Test func aScheduleIsFirstDueAtItsNextTickAndOnFinishWaits() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_030)  // 2027-01-15T08:00:30Z
        let schedule = Trigger(tenantID: "t", jobID: JobID(), name: "hourly",
                               condition: try TriggerCondition(from: ["kind": "schedule", "params": ["expression": "@hourly"]]),
                               enabled: true, nextFireAt: nil, createdAt: now, updatedAt: now)
        #expect(schedule.initialFireTime(after: now) == Date(timeIntervalSince1970: 1_800_003_600))
        var disabled = schedule
        disabled.enabled = false
        #expect(disabled.initialFireTime(after: now) == nil)
        let onFinish = Trigger(tenantID: "t", jobID: JobID(), name: "chain", condition: .onFinish(delay: .zero, watchedJobID: nil),
                               enabled: true, nextFireAt: nil, createdAt: now, updatedAt: now)
        #expect(onFinish.initialFireTime(after: now) == nil)
        #expect(onFinish.watchedJobID == onFinish.jobID)
    }
}
