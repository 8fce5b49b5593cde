extension CronExpression {
    /// The normalised expression: numbers instead of names, `*` for unrestricted fields, steps and ranges where
    /// they describe the values exactly. It uses the classic 5-field form when the expression fires at second 0 in
    /// any year, else the Quartz 6-field form, adding the year field only when years are restricted.
    public var description: String {
        let quartz = seconds != CronValueSet(0...0) || years != nil
        var fields: [String] = []
        if quartz { fields.append(Self.render(seconds, in: 0...59)) }
        fields.append(Self.render(minutes, in: 0...59))
        fields.append(Self.render(hours, in: 0...23))
        fields.append(renderDaysOfMonth())
        fields.append(Self.render(months, in: 1...12))
        fields.append(renderDaysOfWeek(quartz: quartz))
        if let years { fields.append(Self.render(years, in: CronField.year.bounds(quartz: true))) }
        return fields.joined(separator: " ")
    }

    private func renderDaysOfMonth() -> String {
        guard lastDayOfMonth else { return Self.render(daysOfMonth, in: 1...31) }
        return daysOfMonth.isEmpty ? "L" : Self.render(daysOfMonth, in: 1...31) + ",L"
    }

    private func renderDaysOfWeek(quartz: Bool) -> String {
        guard quartz else { return Self.render(daysOfWeek, in: 0...6) }
        // Quartz counts from 1 = Sunday.
        var shifted = CronValueSet(maximum: 7)
        for day in daysOfWeek.values { shifted.insert(day + 1) }
        return Self.render(shifted, in: 1...7)
    }

    /// Writes `set` as `*`, a step (`*/n`, `a/n`, `a-b/n`) when three or more values are evenly spaced, else a list
    /// in which runs of three or more values become ranges.
    static func render(_ set: CronValueSet, in bounds: ClosedRange<Int>) -> String {
        let values = set.values
        if values == Array(bounds) { return "*" }
        // Two values read better as a list ("0,6") than as a step ("*/6").
        if values.count >= 3 {
            let step = values[1] - values[0]
            let isEven = step > 1 && zip(values, values.dropFirst()).allSatisfy { $1 - $0 == step }
            // Evenly spaced values reaching the end of the field are exactly what `*/n` or `a/n` produce.
            if isEven, values.last! + step > bounds.upperBound {
                return values[0] == bounds.lowerBound ? "*/\(step)" : "\(values[0])/\(step)"
            }
            if isEven { return "\(values[0])-\(values.last!)/\(step)" }
        }
        var items: [String] = []
        var index = 0
        while index < values.count {
            var end = index
            while end + 1 < values.count, values[end + 1] == values[end] + 1 { end += 1 }
            if end - index >= 2 {
                items.append("\(values[index])-\(values[end])")
            } else {
                items.append(contentsOf: values[index...end].map(String.init))
            }
            index = end + 1
        }
        return items.joined(separator: ",")
    }
}
