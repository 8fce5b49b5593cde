import Foundation

extension CronExpression {
    /// How far `next(after:)` and `previous(atOrBefore:)` look before giving up, in calendar years.
    static let searchHorizonYears = 5

    /// The first fire time strictly after `date` (UTC), or nil if none within the next 5 years (e.g. Feb 30).
    public func next(after date: Date) -> Date? {
        // Fire times are whole seconds, so "strictly after" starts at the next whole second.
        let start = Self.wholeSeconds(atOrBefore: date) + 1
        let limit = Self.shift(start - 1, years: Self.searchHorizonYears)
        return nextSecond(atOrAfter: start, through: limit).map(Self.date)
    }

    /// The last fire time at or before `date` (UTC), or nil if none within the previous 5 years.
    public func previous(atOrBefore date: Date) -> Date? {
        let end = Self.wholeSeconds(atOrBefore: date)
        let limit = Self.shift(end, years: -Self.searchHorizonYears)
        return previousSecond(atOrBefore: end, notBefore: limit).map(Self.date)
    }

    /// The last fire time in (`lowerBound`, `date`], searching that whole interval however long it is.
    func previous(atOrBefore date: Date, after lowerBound: Date) -> Date? {
        let end = Self.wholeSeconds(atOrBefore: date)
        let limit = Self.wholeSeconds(atOrBefore: lowerBound) + 1
        return previousSecond(atOrBefore: end, notBefore: limit).map(Self.date)
    }

    /// The first fire second in `start...limit` (Unix seconds).
    func nextSecond(atOrAfter start: Int64, through limit: Int64) -> Int64? {
        guard start <= limit else { return nil }
        let day = Self.day(of: start)
        let secondOfDay = Int(start - day * CronCalendar.secondsPerDay)
        var candidate: Int64?
        if matches(dayNumber: day), let time = firstTime(atOrAfter: secondOfDay) {
            candidate = day * CronCalendar.secondsPerDay + Int64(time)
        } else if let later = nextDay(atOrAfter: day + 1, through: Self.day(of: limit)),
                  let time = firstTime(atOrAfter: 0) {
            candidate = later * CronCalendar.secondsPerDay + Int64(time)
        }
        return candidate.flatMap { $0 <= limit ? $0 : nil }
    }

    /// The last fire second in `limit...end` (Unix seconds).
    func previousSecond(atOrBefore end: Int64, notBefore limit: Int64) -> Int64? {
        guard end >= limit else { return nil }
        let day = Self.day(of: end)
        let secondOfDay = Int(end - day * CronCalendar.secondsPerDay)
        var candidate: Int64?
        if matches(dayNumber: day), let time = lastTime(atOrBefore: secondOfDay) {
            candidate = day * CronCalendar.secondsPerDay + Int64(time)
        } else if let earlier = previousDay(atOrBefore: day - 1, notBefore: Self.day(of: limit)),
                  let time = lastTime(atOrBefore: 86_399) {
            candidate = earlier * CronCalendar.secondsPerDay + Int64(time)
        }
        return candidate.flatMap { $0 >= limit ? $0 : nil }
    }

    // MARK: Days

    /// Whether the day fires at all, before looking at the time of day.
    func matches(dayNumber: Int64) -> Bool {
        let (year, month, day) = CronCalendar.civil(dayNumber: dayNumber)
        guard years?.contains(year) ?? true, months.contains(month) else { return false }
        return matchesDay(year: year, month: month, day: day, dayNumber: dayNumber)
    }

    private func matchesDay(year: Int, month: Int, day: Int, dayNumber: Int64) -> Bool {
        let byMonthDay = daysOfMonth.contains(day) || (lastDayOfMonth && day == CronCalendar.daysInMonth(year, month))
        let byWeekday = daysOfWeek.contains(CronCalendar.weekday(dayNumber: dayNumber))
        switch (dayOfMonthIsRestricted, dayOfWeekIsRestricted) {
        case (true, true): return byMonthDay || byWeekday
        case (true, false): return byMonthDay
        case (false, true): return byWeekday
        case (false, false): return true
        }
    }

    /// The first matching day in `first...limit`, skipping whole months and years that cannot match.
    private func nextDay(atOrAfter first: Int64, through limit: Int64) -> Int64? {
        var (year, month, day) = CronCalendar.civil(dayNumber: first)
        while CronCalendar.dayNumber(year: year, month: month, day: day) <= limit {
            if let years, let allowed = years.next(atOrAfter: year), allowed != year {
                (year, month, day) = (allowed, 1, 1)
                continue
            }
            if let years, !years.contains(year) { return nil }
            guard let allowed = months.next(atOrAfter: month) else {
                (year, month, day) = (year + 1, 1, 1)
                continue
            }
            if allowed != month { (month, day) = (allowed, 1) }
            let monthStart = CronCalendar.dayNumber(year: year, month: month, day: 1)
            for candidate in day...CronCalendar.daysInMonth(year, month) {
                let number = monthStart + Int64(candidate - 1)
                guard number <= limit else { return nil }
                if matchesDay(year: year, month: month, day: candidate, dayNumber: number) { return number }
            }
            (year, month, day) = month == 12 ? (year + 1, 1, 1) : (year, month + 1, 1)
        }
        return nil
    }

    /// The last matching day in `limit...last`, skipping whole months and years that cannot match.
    private func previousDay(atOrBefore last: Int64, notBefore limit: Int64) -> Int64? {
        var (year, month, day) = CronCalendar.civil(dayNumber: last)
        while CronCalendar.dayNumber(year: year, month: month, day: day) >= limit {
            if let years, let allowed = years.previous(atOrBefore: year), allowed != year {
                (year, month, day) = (allowed, 12, 31)
                continue
            }
            if let years, !years.contains(year) { return nil }
            guard let allowed = months.previous(atOrBefore: month) else {
                (year, month, day) = (year - 1, 12, 31)
                continue
            }
            if allowed != month { (month, day) = (allowed, 31) }
            day = min(day, CronCalendar.daysInMonth(year, month))
            let monthStart = CronCalendar.dayNumber(year: year, month: month, day: 1)
            for candidate in stride(from: day, through: 1, by: -1) {
                let number = monthStart + Int64(candidate - 1)
                guard number >= limit else { return nil }
                if matchesDay(year: year, month: month, day: candidate, dayNumber: number) { return number }
            }
            (year, month, day) = month == 1 ? (year - 1, 12, 31) : (year, month - 1, 31)
        }
        return nil
    }

    // MARK: Time of day

    /// The first fire time of day (seconds since midnight) at or after `secondOfDay`, on a day that matches.
    private func firstTime(atOrAfter secondOfDay: Int) -> Int? {
        let wanted = [secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60]
        return Self.smallest(atOrAfter: wanted[...], in: [hours, minutes, seconds][...]).map(Self.secondOfDay)
    }

    /// The last fire time of day (seconds since midnight) at or before `secondOfDay`, on a day that matches.
    private func lastTime(atOrBefore secondOfDay: Int) -> Int? {
        let wanted = [secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60]
        return Self.largest(atOrBefore: wanted[...], in: [hours, minutes, seconds][...]).map(Self.secondOfDay)
    }

    /// The lexicographically smallest tuple of allowed values that is ≥ `wanted`.
    private static func smallest(atOrAfter wanted: ArraySlice<Int>, in sets: ArraySlice<CronValueSet>) -> [Int]? {
        guard let head = wanted.first, let set = sets.first else { return [] }
        if set.contains(head), let rest = smallest(atOrAfter: wanted.dropFirst(), in: sets.dropFirst()) {
            return [head] + rest
        }
        // This unit cannot stay as it is: move it up and start every smaller unit from its first value
        // (parsing never yields an empty time field, so the unwraps hold).
        guard let bumped = set.next(atOrAfter: head + 1) else { return nil }
        return [bumped] + sets.dropFirst().map { $0.next(atOrAfter: 0)! }
    }

    /// The lexicographically largest tuple of allowed values that is ≤ `wanted`.
    private static func largest(atOrBefore wanted: ArraySlice<Int>, in sets: ArraySlice<CronValueSet>) -> [Int]? {
        guard let head = wanted.first, let set = sets.first else { return [] }
        if set.contains(head), let rest = largest(atOrBefore: wanted.dropFirst(), in: sets.dropFirst()) {
            return [head] + rest
        }
        guard let lowered = set.previous(atOrBefore: head - 1) else { return nil }
        return [lowered] + sets.dropFirst().map { $0.previous(atOrBefore: 59)! }
    }

    // MARK: Conversions

    private static func secondOfDay(_ parts: [Int]) -> Int {
        parts[0] * 3600 + parts[1] * 60 + parts[2]
    }

    private static func day(of seconds: Int64) -> Int64 {
        CronCalendar.floorDivide(seconds, CronCalendar.secondsPerDay)
    }

    private static func wholeSeconds(atOrBefore date: Date) -> Int64 {
        // Clamp so that absurd dates (and infinities) cannot trap; ±100,000 years is far beyond any schedule.
        let limit = 3.2e12
        return Int64(min(max(date.timeIntervalSince1970, -limit), limit).rounded(.down))
    }

    private static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The same civil instant `years` later (or earlier), 29 February landing on 1 March in a common year.
    private static func shift(_ seconds: Int64, years: Int) -> Int64 {
        let day = CronCalendar.floorDivide(seconds, CronCalendar.secondsPerDay)
        let (year, month, dayOfMonth) = CronCalendar.civil(dayNumber: day)
        let shifted = CronCalendar.dayNumber(year: year + years, month: month, day: dayOfMonth)
        return shifted * CronCalendar.secondsPerDay + (seconds - day * CronCalendar.secondsPerDay)
    }
}
