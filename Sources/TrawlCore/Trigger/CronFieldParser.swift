/// Parses the text of one cron field (`*`, lists, ranges, steps, names, `?`, `L`) into its allowed values.
struct CronFieldParser: Sendable {
    /// Which field is parsed.
    let field: CronField
    /// Its 1-based position in the expression as written, for error messages.
    let position: Int
    /// Whether the expression uses Quartz numbering (day-of-week 1–7 from Sunday).
    let quartz: Bool

    /// What a field allows.
    struct Result: Sendable, Equatable {
        /// Allowed values; day-of-week values are normalised to 0 = Sunday … 6 = Saturday.
        var values: CronValueSet
        /// Whether `L` (the last day of the month) was listed; only in day-of-month.
        var lastDay = false
    }

    private var bounds: ClosedRange<Int> { field.bounds(quartz: quartz) }

    /// Parses `text`, throwing an error that names this field.
    func parse(_ text: String) throws(CronError) -> Result {
        var result = Result(values: CronValueSet(maximum: field == .dayOfWeek ? 6 : bounds.upperBound))
        if text == "?" {
            guard field == .dayOfMonth || field == .dayOfWeek else {
                throw fail("'?' is only allowed in day-of-month and day-of-week")
            }
            try insert(bounds, step: 1, into: &result)
            return result
        }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            try parseItem(String(item), whole: text, into: &result)
        }
        return result
    }

    private func parseItem(_ item: String, whole: String, into result: inout Result) throws(CronError) {
        guard !item.isEmpty else { throw fail("empty item in list '\(whole)'") }
        if item == "?" { throw fail("'?' must stand alone, not in a list") }
        if item.uppercased() == "L" {
            guard field == .dayOfMonth else {
                throw fail("'L' (last day of the month) is only allowed in day-of-month")
            }
            result.lastDay = true
            return
        }
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw fail("bad step in '\(item)': only one '/' is allowed") }
        let step = parts.count == 2 ? try parseStep(String(parts[1]), item: item) : 1
        let base = String(parts[0])
        if base == "*" {
            try insert(bounds, step: step, into: &result)
            return
        }
        let ends = base.split(separator: "-", omittingEmptySubsequences: false)
        switch ends.count {
        case 1:
            let start = try parseValue(base, item: item)
            // `a/n` means "from a to the end of the field, every n".
            try insert(start...(parts.count == 2 ? bounds.upperBound : start), step: step, into: &result)
        case 2:
            let low = try parseValue(String(ends[0]), item: item)
            let high = try parseValue(String(ends[1]), item: item)
            guard low <= high else { throw fail("range \(low)-\(high) runs backwards; write the smaller value first") }
            try insert(low...high, step: step, into: &result)
        default:
            throw fail("bad range '\(base)': expected the form a-b")
        }
    }

    private func parseStep(_ text: String, item: String) throws(CronError) -> Int {
        let span = bounds.count
        guard let step = Self.number(text), (1...span).contains(step) else {
            throw fail("bad step '\(text)' in '\(item)': expected a whole number from 1 to \(span)")
        }
        return step
    }

    private func parseValue(_ text: String, item: String) throws(CronError) -> Int {
        guard !text.isEmpty else { throw fail("missing value in '\(item)'") }
        if let name = field.value(ofName: text, quartz: quartz) { return name }
        let isDigits = text.allSatisfy { $0.isASCII && $0.isNumber }
        guard isDigits else { throw fail("'\(text)' is not \(field.wordKind)") }
        guard let value = Self.number(text), bounds.contains(value) else {
            throw fail("\(text) is out of range \(bounds.lowerBound)-\(bounds.upperBound)")
        }
        return value
    }

    private func insert(_ range: ClosedRange<Int>, step: Int, into result: inout Result) throws(CronError) {
        for value in stride(from: range.lowerBound, through: range.upperBound, by: step) {
            guard field == .dayOfWeek else {
                result.values.insert(value)
                continue
            }
            // Store weekdays as 0 = Sunday whatever the dialect; classic 7 is Sunday again.
            result.values.insert(quartz ? value - 1 : value % 7)
        }
    }

    private func fail(_ problem: String) -> CronError {
        .field(position, field, problem)
    }

    /// A plain decimal number of at most 9 digits (no sign, no spaces), so nothing can overflow.
    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}
