/// One position of a cron expression, with the values it accepts as written.
enum CronField: Int, Sendable, CaseIterable {
    case second, minute, hour, dayOfMonth, month, dayOfWeek, year

    /// The name used in error messages.
    var name: String {
        switch self {
        case .second: "second"
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        case .year: "year"
        }
    }

    /// The values accepted as written. Day-of-week depends on the dialect: classic cron counts 0–7 from Sunday
    /// (7 is Sunday again), Quartz counts 1–7 with 1 = Sunday.
    func bounds(quartz: Bool) -> ClosedRange<Int> {
        switch self {
        case .second, .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: quartz ? 1...7 : 0...7
        // Quartz's own limits; an unrestricted year field does not bound the search.
        case .year: 1970...2099
        }
    }

    /// Three-letter names accepted in place of numbers, in the order of their values.
    var names: [String] {
        switch self {
        case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        default: []
        }
    }

    /// The value a name stands for in this dialect, or nil when the name is not one of this field's.
    func value(ofName text: String, quartz: Bool) -> Int? {
        guard let index = names.firstIndex(of: text.uppercased()) else { return nil }
        switch self {
        case .month: return index + 1
        case .dayOfWeek: return quartz ? index + 1 : index
        default: return nil
        }
    }

    /// What kind of word the field accepts, for "is not a number" messages.
    var wordKind: String {
        switch self {
        case .month: "a number or month name"
        case .dayOfWeek: "a number or day name"
        default: "a number"
        }
    }
}
