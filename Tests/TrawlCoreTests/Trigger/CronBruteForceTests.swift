import Foundation
import Testing
import TrawlCore

/// Compares `next(after:)` and `previous(atOrBefore:)` with a slow, independent checker that steps one minute (or
/// second) at a time and tests each instant against hand-written value sets, using the C library's calendar.
@Suite struct CronBruteForceTests {
    /// A schedule written twice: as cron text, and as plain sets for the reference checker.
    struct Reference: Sendable, CustomStringConvertible {
        var text: String
        var seconds: Set<Int> = [0]
        var minutes: Set<Int> = Set(0...59)
        var hours: Set<Int> = Set(0...23)
        var daysOfMonth: Set<Int>? = nil
        var lastDay = false
        var months: Set<Int> = Set(1...12)
        var weekdays: Set<Int>? = nil
        /// How far the reference steps before deciding nothing fires: a little more than the longest gap.
        var horizonDays = 200
        /// The stride of the reference's walk, in seconds; it must divide every gap between fire times.
        var step = 60
        var description: String { text }

        /// Whether a Unix time fires, with classic cron's rule: restricted day fields are OR-ed.
        func fires(at time: Int) -> Bool {
            let parts = CronTestClock.components(time)
            guard seconds.contains(parts.second), minutes.contains(parts.minute), hours.contains(parts.hour),
                  months.contains(parts.month) else { return false }
            let byDay = daysOfMonth.map { $0.contains(parts.day) || (lastDay && CronTestClock.isLastDayOfMonth(time)) }
            let byWeekday = weekdays.map { $0.contains(parts.weekday) }
            switch (byDay, byWeekday) {
            case let (day?, weekday?): return day || weekday
            case let (day?, nil): return day
            case let (nil, weekday?): return weekday
            case (nil, nil): return true
            }
        }
    }

    static let references: [Reference] = [
        Reference(text: "*/15 9-17 * * MON-FRI", minutes: [0, 15, 30, 45], hours: Set(9...17), weekdays: Set(1...5)),
        Reference(text: "30 2 1,15 * *", minutes: [30], hours: [2], daysOfMonth: [1, 15]),
        Reference(text: "0 0 13 * FRI", minutes: [0], hours: [0], daysOfMonth: [13], weekdays: [5]),
        Reference(text: "5 4 L * *", minutes: [5], hours: [4], daysOfMonth: [], lastDay: true),
        Reference(text: "10-50/20 */5 * 3-5 *", minutes: [10, 30, 50], hours: [0, 5, 10, 15, 20],
                  months: [3, 4, 5], horizonDays: 300),
        Reference(text: "0 12 * JAN,JUL SUN", minutes: [0], hours: [12], months: [1, 7], weekdays: [0]),
        Reference(text: "0 6 */10 * 2,4", minutes: [0], hours: [6], daysOfMonth: [1, 11, 21, 31], weekdays: [2, 4]),
        Reference(text: "0 0 6 ? * 7", minutes: [0], hours: [6], weekdays: [6]),
        Reference(text: "15,45 */10 3 * * ?", seconds: [15, 45], minutes: [0, 10, 20, 30, 40, 50],
                  hours: [3], horizonDays: 2, step: 1),
        Reference(text: "0 59 23 L,1 * ?", minutes: [59], hours: [23], daysOfMonth: [1], lastDay: true, horizonDays: 40),
        Reference(text: "0 0 29 2 *", minutes: [0], hours: [0], daysOfMonth: [29], months: [2], horizonDays: 1_500, step: 3_600),
    ]

    @Test(arguments: references)
    func nextAndPreviousAgreeWithStepping(reference: Reference) throws {
        let cron = try CronExpression(reference.text)
        let step = reference.step
        var random = CronSampler(seed: UInt64(reference.text.utf8.count))
        for _ in 0..<12 {
            let start = random.next(in: 946_684_800...2_524_608_000)  // 2000 to 2050
            let date = Date(timeIntervalSince1970: Double(start) + 0.25)
            #expect(cron.next(after: date) == Self.step(from: start, by: step, forward: true, reference),
                    "next after \(CronTestClock.text(date) ?? "")")
            #expect(cron.previous(atOrBefore: date) == Self.step(from: start, by: step, forward: false, reference),
                    "previous at or before \(CronTestClock.text(date) ?? "")")
        }
    }

    /// The first firing instant strictly after (or at or before) `start`, found by testing every step.
    private static func step(from start: Int, by step: Int, forward: Bool, _ reference: Reference) -> Date? {
        // Stepping from the whole second before `start + 0.25` keeps "strictly after" and "at or before" exact.
        var time = forward ? (start / step + 1) * step : start / step * step
        for _ in 0..<(reference.horizonDays * 86_400 / step) {
            if reference.fires(at: time) { return Date(timeIntervalSince1970: Double(time)) }
            time += forward ? step : -step
        }
        return nil
    }
}
