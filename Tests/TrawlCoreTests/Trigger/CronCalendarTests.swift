import Foundation
import Testing
@testable import TrawlCore

@Suite struct CronCalendarTests {
    @Test func dayNumbersRoundTripAndAgreeWithTheCLibrary() {
        // Every 97th day from about 1680 to 2260, plus the epoch's neighbours.
        for day in Array(stride(from: Int64(-106_000), through: 106_000, by: 97)) + [-1, 0, 1] {
            let (year, month, dayOfMonth) = CronCalendar.civil(dayNumber: day)
            #expect(CronCalendar.dayNumber(year: year, month: month, day: dayOfMonth) == day)
            let parts = CronTestClock.components(Int(day * 86_400))
            #expect(parts.year == year && parts.month == month && parts.day == dayOfMonth)
            #expect(CronCalendar.weekday(dayNumber: day) == parts.weekday)
        }
    }

    @Test(arguments: [(2024, true), (2026, false), (2000, true), (1900, false), (2100, false), (2400, true)])
    func leapYears(year: Int, isLeap: Bool) {
        #expect(CronCalendar.isLeapYear(year) == isLeap)
        #expect(CronCalendar.daysInMonth(year, 2) == (isLeap ? 29 : 28))
    }

    @Test func monthLengths() {
        #expect((1...12).map { CronCalendar.daysInMonth(2026, $0) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test func floorDivisionRoundsTowardsNegativeInfinity() {
        #expect(CronCalendar.floorDivide(-1, 86_400) == -1)
        #expect(CronCalendar.floorDivide(-86_400, 86_400) == -1)
        #expect(CronCalendar.floorDivide(86_399, 86_400) == 0)
    }
}
