// Readers for single values. Each reports a problem at `path` and returns nil when the value does not fit.

extension ManifestReader {
    /// A string; with `nonEmpty`, blank strings are refused; `maxLength` counts characters.
    mutating func string(_ value: ConfigValue, at path: String, nonEmpty: Bool = false, maxLength: Int? = nil) -> String? {
        guard case .string(let text) = value else {
            report(path, "expected a string")
            return nil
        }
        if nonEmpty, text.allSatisfy(\.isWhitespace) {
            report(path, "must not be empty")
            return nil
        }
        if let maxLength, text.unicodeScalars.count > maxLength {
            report(path, "must be at most \(maxLength) characters")
            return nil
        }
        return text
    }

    /// A true/false value; YAML's "yes" and "on" are strings and are refused here.
    mutating func bool(_ value: ConfigValue, at path: String) -> Bool? {
        guard case .bool(let flag) = value else {
            report(path, "expected true or false")
            return nil
        }
        return flag
    }

    /// An integer within `bounds`.
    mutating func int(_ value: ConfigValue, at path: String, in bounds: ClosedRange<Int>) -> Int? {
        guard case .int(let number) = value else {
            report(path, "expected an integer")
            return nil
        }
        guard bounds.contains(number) else {
            report(path, Self.outOfRange(bounds))
            return nil
        }
        return number
    }

    /// A finite number, integer or not.
    mutating func number(_ value: ConfigValue, at path: String) -> Double? {
        switch value {
        case .int(let integer): return Double(integer)
        case .double(let double) where double.isFinite: return double
        default:
            report(path, "expected a number")
            return nil
        }
    }

    /// The longest duration a manifest may give. Durations become dates (a trigger's due time, a run's age limit) and
    /// delays, and `Date` and `Duration` arithmetic past their range traps; a century is longer than any crawl waits.
    static let maximumDuration: Duration = .seconds(100 * 365 * 86_400)

    /// A duration: a `DurationText` string or a number of seconds, at most `maximumDuration`; zero is refused unless
    /// `allowZero`.
    mutating func duration(_ value: ConfigValue, at path: String, allowZero: Bool) -> Duration? {
        let duration: Duration?
        switch value {
        case .int(let seconds): duration = .seconds(seconds)
        case .double(let seconds): duration = DurationText.duration(seconds: seconds)
        case .string(let text): duration = DurationText.parse(text)
        default: duration = nil
        }
        guard let duration else {
            report(path, "expected a duration such as 30s, 10m or 6h")
            return nil
        }
        if duration < .zero || (!allowZero && duration == .zero) {
            report(path, allowZero ? "must not be negative" : "must be greater than 0")
            return nil
        }
        if duration > Self.maximumDuration {
            report(path, "must be at most 100 years")
            return nil
        }
        return duration
    }

    /// A size in bytes: an integer or a `ByteSizeText` string such as "10MiB", within `bounds`.
    mutating func byteSize(_ value: ConfigValue, at path: String, in bounds: ClosedRange<Int>, bounds text: String) -> Int? {
        let size: Int?
        switch value {
        case .int(let bytes): size = bytes
        case .string(let text): size = ByteSizeText.parse(text)
        default: size = nil
        }
        guard let size else {
            report(path, "expected a size such as 10MiB, 512KiB or 1048576")
            return nil
        }
        guard bounds.contains(size) else {
            report(path, "must be between \(text)")
            return nil
        }
        return size
    }

    /// A list of strings, each checked by `string(_:at:nonEmpty:)`.
    mutating func strings(_ value: ConfigValue, at path: String, nonEmpty: Bool = true) -> [String]? {
        list(value, at: path) { $0.string($1, at: $2, nonEmpty: nonEmpty) }
    }

    /// An object of string values; `validate` checks each key and value and returns a message for the first problem.
    mutating func stringMap(
        _ value: ConfigValue, at path: String, validate: (String, String) -> (onKey: Bool, message: String)?
    ) -> [String: String]? {
        guard case .object(let pairs) = value else {
            report(path, "expected an object")
            return nil
        }
        var map: [String: String] = [:]
        for (key, value) in pairs {
            let valuePath = ManifestReader.path(path, key)
            guard let text = string(value, at: valuePath) else { continue }
            if let problem = validate(key, text) {
                report(problem.onKey ? path : valuePath, problem.message)
                continue
            }
            map[key] = text
        }
        return map
    }

    /// "must be at least 1" or "must be between 0 and 50".
    static func outOfRange(_ bounds: ClosedRange<Int>) -> String {
        bounds.upperBound == .max
            ? "must be at least \(bounds.lowerBound)" : "must be between \(bounds.lowerBound) and \(bounds.upperBound)"
    }
}
