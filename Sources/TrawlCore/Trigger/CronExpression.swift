import Foundation

/// A parsed cron expression, evaluated in UTC.
///
/// Three forms are accepted, told apart by their field count:
/// - 5 fields, classic cron: `minute hour day-of-month month day-of-week`; fires at second 0;
///   day-of-week counts 0–7 from Sunday (0 and 7 are both Sunday).
/// - 6 fields, Quartz: `second minute hour day-of-month month day-of-week`; day-of-week counts 1–7 (1 = Sunday).
/// - 7 fields, Quartz: the 6-field form followed by `year` (1970–2099; `*` means any year, unbounded).
///
/// Each field takes `*`, lists `a,b`, ranges `a-b`, steps `*/n`, `a-b/n` and `a/n` (from a to the field's end),
/// month names JAN–DEC and day names SUN–SAT in any case. Day-of-month and day-of-week also take `?` (same as `*`),
/// and day-of-month takes `L`, the last day of the month, alone or in a list. `@yearly`, `@annually`, `@monthly`,
/// `@weekly`, `@daily`, `@midnight` and `@hourly` stand for their classic 5-field expressions.
///
/// As in classic cron, when both day-of-month and day-of-week are restricted, a day matches if EITHER matches;
/// when only one is, it alone decides. "Restricted" is judged by the values, not the spelling: `*/2` in
/// day-of-month is restricted, `1-31` is not. Quartz's rule that one of the two must be `?` is not enforced.
/// Two expressions are equal when they fire at the same instants, whatever their spelling.
public struct CronExpression: Sendable, Equatable, CustomStringConvertible {
    let seconds: CronValueSet
    let minutes: CronValueSet
    let hours: CronValueSet
    let daysOfMonth: CronValueSet
    /// Whether the last day of each month matches, from `L` in day-of-month.
    let lastDayOfMonth: Bool
    let months: CronValueSet
    /// Weekdays, 0 = Sunday … 6 = Saturday, whatever the dialect written.
    let daysOfWeek: CronValueSet
    /// Allowed years, or nil for any year.
    let years: CronValueSet?
    // Derived once so that the day test, run for every candidate day, compares no bitmaps.
    let dayOfMonthIsRestricted: Bool
    let dayOfWeekIsRestricted: Bool

    /// The classic expressions that nicknames stand for.
    static let nicknames: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// Parses a 5-, 6- or 7-field expression or a nickname; see the type's documentation for the syntax.
    public init(_ text: String) throws(CronError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CronError(message: "the cron expression is empty") }
        var source = trimmed
        if trimmed.hasPrefix("@") {
            guard let expansion = Self.nicknames[trimmed.lowercased()] else {
                let known = Self.nicknames.keys.sorted().joined(separator: ", ")
                throw CronError(message: "unknown nickname '\(trimmed)'; expected one of \(known)")
            }
            source = expansion
        }
        var texts = source.split(whereSeparator: \.isWhitespace).map(String.init)
        guard (5...7).contains(texts.count) else {
            throw CronError(message: "expected 5, 6 or 7 fields separated by whitespace but found \(texts.count)")
        }
        // The classic form is the Quartz form firing at second 0, with classic weekday numbers.
        let isClassic = texts.count == 5
        if isClassic { texts.insert("0", at: 0) }
        var results: [CronFieldParser.Result] = []
        for (index, text) in texts.enumerated() {
            let field = CronField.allCases[index]
            let parser = CronFieldParser(field: field, position: isClassic ? index : index + 1, quartz: !isClassic)
            results.append(try parser.parse(text))
        }
        let dayOfMonth = results[CronField.dayOfMonth.rawValue]
        seconds = results[CronField.second.rawValue].values
        minutes = results[CronField.minute.rawValue].values
        hours = results[CronField.hour.rawValue].values
        months = results[CronField.month.rawValue].values
        daysOfMonth = dayOfMonth.values
        daysOfWeek = results[CronField.dayOfWeek.rawValue].values
        dayOfMonthIsRestricted = dayOfMonth.values != CronValueSet(1...31)
        dayOfWeekIsRestricted = daysOfWeek != CronValueSet(0...6)
        // `L` adds nothing to a day-of-month that already allows every day.
        lastDayOfMonth = dayOfMonthIsRestricted && dayOfMonth.lastDay
        // Every Quartz year is the same as any year, so both spellings compare and print alike.
        let yearValues = results.count == 7 ? results[CronField.year.rawValue].values : nil
        years = yearValues == CronValueSet(CronField.year.bounds(quartz: true)) ? nil : yearValues
    }
}
