import Foundation
import Testing
import TrawlCore

@Suite struct ScheduleEvaluationTests {
    private func date(_ text: String) -> Date { CronTestClock.date(text) }

    @Test func dueReturnsTheTickThatFellSinceTheLastFire() throws {
        let daily = try CronExpression("0 9 * * *")
        let due = ScheduleEvaluation.due(daily, lastFired: date("2026-01-14T09:00:00Z"), now: date("2026-01-15T09:00:30Z"))
        #expect(CronTestClock.text(due) == "2026-01-15T09:00:00Z")
    }

    @Test func dueIsNilWhenNoTickFellInTheInterval() throws {
        let daily = try CronExpression("0 9 * * *")
        #expect(ScheduleEvaluation.due(daily, lastFired: date("2026-01-15T09:00:00Z"), now: date("2026-01-16T08:59:59Z")) == nil)
    }

    @Test func intervalExcludesLastFiredAndIncludesNow() throws {
        let daily = try CronExpression("0 9 * * *")
        let tick = date("2026-01-15T09:00:00Z")
        #expect(ScheduleEvaluation.due(daily, lastFired: tick, now: tick.addingTimeInterval(3_600)) == nil)
        #expect(ScheduleEvaluation.due(daily, lastFired: tick.addingTimeInterval(-1), now: tick) == tick)
        #expect(ScheduleEvaluation.due(daily, lastFired: tick, now: tick) == nil)
        #expect(ScheduleEvaluation.due(daily, lastFired: tick.addingTimeInterval(60), now: tick) == nil)
    }

    @Test func missedTicksCollapseIntoTheLatest() throws {
        let weekly = try CronExpression("0 0 9 * * MON")
        let due = ScheduleEvaluation.due(weekly, lastFired: date("2025-10-06T09:00:00Z"), now: date("2026-01-15T12:00:00Z"))
        #expect(CronTestClock.text(due) == "2026-01-12T09:00:00Z")
    }

    @Test func perSecondScheduleDownForThreeMonthsIsAnsweredQuickly() throws {
        let everySecond = try CronExpression("*/1 * * * * ? *")
        let clock = ContinuousClock()
        var due: Date?
        let elapsed = clock.measure {
            due = ScheduleEvaluation.due(everySecond, lastFired: date("2025-10-15T12:00:00Z"),
                                         now: date("2026-01-15T12:34:56.7Z"))
        }
        #expect(CronTestClock.text(due) == "2026-01-15T12:34:56Z")
        // Stepping through ~8 million ticks would take far longer than this.
        #expect(elapsed < .milliseconds(200))
    }

    @Test func dueSearchesTheWholeOutageEvenBeyondFiveYears() throws {
        let once = try CronExpression("0 0 0 1 1 ? 2019")
        let due = ScheduleEvaluation.due(once, lastFired: date("2018-06-01T00:00:00Z"), now: date("2026-01-15T00:00:00Z"))
        #expect(CronTestClock.text(due) == "2019-01-01T00:00:00Z")
        #expect(ScheduleEvaluation.due(once, lastFired: date("2019-01-01T00:00:00Z"), now: date("2026-01-15T00:00:00Z")) == nil)
    }

    @Test func dueOnARareScheduleAfterALongOutageStaysFast() throws {
        let leapDay = try CronExpression("0 0 29 2 *")
        let clock = ContinuousClock()
        var due: Date?
        let elapsed = clock.measure {
            due = ScheduleEvaluation.due(leapDay, lastFired: date("1990-01-01T00:00:00Z"), now: date("2026-01-15T00:00:00Z"))
        }
        #expect(CronTestClock.text(due) == "2024-02-29T00:00:00Z")
        #expect(elapsed < .milliseconds(200))
    }

    @Test func nextWakeIsTheNextTickStrictlyAfterNow() throws {
        let cron = try CronExpression("*/15 * * * *")
        let wake = { (now: String) in CronTestClock.text(ScheduleEvaluation.nextWake(cron, after: self.date(now))) }
        #expect(wake("2026-01-15T09:07:00Z") == "2026-01-15T09:15:00Z")
        #expect(wake("2026-01-15T09:15:00Z") == "2026-01-15T09:30:00Z")
        #expect(ScheduleEvaluation.nextWake(try CronExpression("0 0 30 2 *"), after: date("2026-01-15T09:15:00Z")) == nil)
    }

    @Test func aServerLoopFiresOnceAtStartUpThenOnTime() throws {
        let cron = try CronExpression("0 */6 * * *")
        var lastFired = date("2026-01-10T00:00:00Z")
        var now = date("2026-01-15T07:30:00Z")  // start-up after five days down
        var fired: [String] = []
        for _ in 0..<4 {
            if let due = ScheduleEvaluation.due(cron, lastFired: lastFired, now: now) {
                fired.append(CronTestClock.text(due)!)
                lastFired = due
            }
            now = try #require(ScheduleEvaluation.nextWake(cron, after: now))
        }
        #expect(fired == ["2026-01-15T06:00:00Z", "2026-01-15T12:00:00Z", "2026-01-15T18:00:00Z", "2026-01-16T00:00:00Z"])
    }
}
