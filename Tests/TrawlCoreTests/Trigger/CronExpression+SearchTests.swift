import Foundation
import Testing
import TrawlCore

@Suite struct CronExpressionSearchTests {
    @Test(arguments: [
        // Strictly after: an exact fire time moves on to the next one.
        ("* * * * *", "2026-01-15T09:30:00Z", "2026-01-15T09:31:00Z"),
        ("* * * * *", "2026-01-15T09:30:59.5Z", "2026-01-15T09:31:00Z"),
        ("* * * * *", "2026-01-15T09:29:59.999Z", "2026-01-15T09:30:00Z"),
        // Minute, hour, day, month and year boundaries.
        ("0 * * * *", "2026-01-15T09:59:59Z", "2026-01-15T10:00:00Z"),
        ("59 23 * * *", "2026-01-15T23:59:00Z", "2026-01-16T23:59:00Z"),
        ("0 0 * * *", "2026-01-31T23:59:00Z", "2026-02-01T00:00:00Z"),
        ("0 0 1 * *", "2026-12-15T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("@yearly", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("*/15 9-17 * * *", "2026-01-15T17:45:00Z", "2026-01-16T09:00:00Z"),
        ("30 9 * * MON-FRI", "2026-01-16T10:00:00Z", "2026-01-19T09:30:00Z"),
        ("0 12 * * 0", "2026-01-15T00:00:00Z", "2026-01-18T12:00:00Z"),
        ("0 0 31 * *", "2026-04-01T00:00:00Z", "2026-05-31T00:00:00Z"),
        ("0 0 1 JUN *", "2026-06-01T00:00:00Z", "2027-06-01T00:00:00Z"),
        // Leap years and the last day of the month.
        ("0 0 29 2 *", "2025-03-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("0 0 29 2 *", "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"),
        ("0 0 L * *", "2026-02-01T00:00:00Z", "2026-02-28T00:00:00Z"),
        ("0 0 L * *", "2028-02-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("0 0 L * *", "2026-04-30T00:00:00Z", "2026-05-31T00:00:00Z"),
        ("0 0 L 2 *", "2099-03-01T00:00:00Z", "2100-02-28T00:00:00Z"),
        ("0 0 15,L * *", "2026-01-15T00:00:00Z", "2026-01-31T00:00:00Z"),
        // Day-of-month OR day-of-week when both are restricted (2026-01-02 is a Friday).
        ("0 0 13 * FRI", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
        ("0 0 13 * FRI", "2026-01-10T00:00:00Z", "2026-01-13T00:00:00Z"),
        ("0 0 */2 * 1", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z"),
        ("0 0 */2 * 1", "2026-01-11T00:00:00Z", "2026-01-12T00:00:00Z"),
        ("0 0 L * 3", "2026-01-29T00:00:00Z", "2026-01-31T00:00:00Z"),
        // Quartz forms: seconds, day-of-week 1 = Sunday, years.
        ("*/20 * * * * ?", "2026-01-15T09:30:40Z", "2026-01-15T09:31:00Z"),
        ("15,45 * * * * ?", "2026-01-15T09:30:15Z", "2026-01-15T09:30:45Z"),
        ("0 0 * * * ?", "2026-12-31T23:00:00Z", "2027-01-01T00:00:00Z"),
        ("0 0 12 ? * 1", "2026-01-15T00:00:00Z", "2026-01-18T12:00:00Z"),
        ("0 0 0 1 1 ? 2030", "2026-06-01T00:00:00Z", "2030-01-01T00:00:00Z"),
        ("0 0 12 * * ? 2027-2028", "2026-06-01T00:00:00Z", "2027-01-01T12:00:00Z"),
        ("0 0 12 * * ? 2027-2028", "2027-12-31T12:00:00Z", "2028-01-01T12:00:00Z"),
        ("0 0 0 1 JAN ? 2030,2034", "2030-01-01T00:00:00Z", "2034-01-01T00:00:00Z"),
        // Before 1970 (1970-01-04 was a Sunday).
        ("0 0 1 1 *", "1969-06-01T00:00:00Z", "1970-01-01T00:00:00Z"),
        ("0 0 * * 0", "1969-12-30T00:00:00Z", "1970-01-04T00:00:00Z"),
    ])
    func next(text: String, from: String, expected: String) throws {
        let cron = try CronExpression(text)
        #expect(CronTestClock.text(cron.next(after: CronTestClock.date(from))) == expected)
    }

    @Test(arguments: [
        ("0 0 30 2 *", "2026-01-01T00:00:00Z"),
        ("0 0 31 4,6,9,11 *", "2026-01-01T00:00:00Z"),
        // 2100 is not a leap year, so the next 29 February (2104) is beyond the five-year horizon.
        ("0 0 29 2 *", "2097-03-01T00:00:00Z"),
        ("0 0 0 1 1 ? 2030", "2030-01-01T00:00:00Z"),
        ("0 0 12 * * ? 2027-2028", "2028-12-31T12:00:00Z"),
        ("0 0 0 1 1 ? 2032", "2026-06-01T00:00:00Z"),
        ("0 0 0 1 1 ? 2099", "2099-01-01T00:00:00Z"),
    ])
    func nextIsNilWhenNothingFiresWithinFiveYears(text: String, from: String) throws {
        let cron = try CronExpression(text)
        #expect(cron.next(after: CronTestClock.date(from)) == nil)
    }

    @Test func nextLooksExactlyFiveYearsAhead() throws {
        let cron = try CronExpression("0 0 0 1 1 ? 2031")
        #expect(CronTestClock.text(cron.next(after: CronTestClock.date("2026-01-01T00:00:00Z"))) == "2031-01-01T00:00:00Z")
        #expect(cron.next(after: CronTestClock.date("2025-12-31T23:59:59Z")) == nil)
    }

    @Test(arguments: [
        // At or before: an exact fire time is its own answer.
        ("* * * * *", "2026-01-15T09:30:00Z", "2026-01-15T09:30:00Z"),
        ("* * * * *", "2026-01-15T09:30:59.9Z", "2026-01-15T09:30:00Z"),
        ("0 0 1 * *", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
        ("0 0 1 * *", "2025-12-31T23:59:59Z", "2025-12-01T00:00:00Z"),
        ("0 0 1 1 *", "2026-06-01T00:00:00Z", "2026-01-01T00:00:00Z"),
        ("*/15 9-17 * * *", "2026-01-16T08:59:59Z", "2026-01-15T17:45:00Z"),
        ("30 9 * * MON-FRI", "2026-01-19T09:00:00Z", "2026-01-16T09:30:00Z"),
        ("0 0 L * *", "2028-03-15T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("0 0 L * *", "2026-03-30T00:00:00Z", "2026-02-28T00:00:00Z"),
        ("0 0 29 2 *", "2028-02-28T00:00:00Z", "2024-02-29T00:00:00Z"),
        ("0 0 13 * FRI", "2026-01-15T00:00:00Z", "2026-01-13T00:00:00Z"),
        ("*/20 * * * * ?", "2026-01-15T09:30:19.9Z", "2026-01-15T09:30:00Z"),
        ("0 0 0 1 1 ? 2020,2030", "2024-12-31T00:00:00Z", "2020-01-01T00:00:00Z"),
        ("0 0 0 * * ? 2020", "2024-06-01T00:00:00Z", "2020-12-31T00:00:00Z"),
        ("0 0 1 1 *", "1970-06-01T00:00:00Z", "1970-01-01T00:00:00Z"),
        ("0 0 * * 0", "1970-01-03T00:00:00Z", "1969-12-28T00:00:00Z"),
    ])
    func previous(text: String, from: String, expected: String) throws {
        let cron = try CronExpression(text)
        #expect(CronTestClock.text(cron.previous(atOrBefore: CronTestClock.date(from))) == expected)
    }

    @Test(arguments: [
        ("0 0 30 2 *", "2026-01-01T00:00:00Z"),
        ("0 0 0 1 1 ? 2030", "2029-12-31T23:59:59Z"),
        ("0 0 0 1 1 ? 2020,2030", "2029-12-31T00:00:00Z"),
        ("0 0 0 * * ? 2020", "2026-06-01T00:00:00Z"),
    ])
    func previousIsNilWhenNothingFiredWithinFiveYears(text: String, from: String) throws {
        let cron = try CronExpression(text)
        #expect(cron.previous(atOrBefore: CronTestClock.date(from)) == nil)
    }

    @Test func nothingFiresBetweenPreviousAndNext() throws {
        var random = CronSampler(seed: 7)
        for text in ["*/7 3-5 * * *", "0 0 L * 2", "5 4 13 * FRI", "*/13 */7 1 * * ?", "0 30 12 ? * 1,7 2027-2030"] {
            let cron = try CronExpression(text)
            for _ in 0..<40 {
                let date = Date(timeIntervalSince1970: Double(random.next(in: 1_767_225_600...1_861_920_000)))
                guard let before = cron.previous(atOrBefore: date), let after = cron.next(after: date) else { continue }
                #expect(before <= date && date < after)
                // No fire time lies in (before, date], so the first one after `before` is `after`.
                #expect(cron.next(after: before) == after)
                #expect(cron.previous(atOrBefore: after.addingTimeInterval(-1)) == before)
            }
        }
    }
}
