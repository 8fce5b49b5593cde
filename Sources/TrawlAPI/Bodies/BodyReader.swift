import TrawlCore

/// Reads the top-level fields of a JSON object body, collecting every problem so one 422 can list them all.
struct BodyReader {
    /// The body's fields; empty when the body is not an object.
    private let fields: [(String, ConfigValue)]
    /// Every problem found so far.
    private(set) var issues: [FieldIssue] = []
    /// False when the body is not a JSON object; nothing else is worth reporting then.
    let isObject: Bool

    /// A reader over `body`, which must be an object whose keys are all in `allowed`.
    init(_ body: ConfigValue, allowed: [String]) {
        guard case .object(let fields) = body else {
            self.fields = []
            isObject = false
            report("", "invalid_type", "the request body must be a JSON object")
            return
        }
        self.fields = fields
        isObject = true
        for (name, _) in fields where !allowed.contains(name) {
            report(name, "unknown_field", "is not a known field (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    /// Records a problem with `field`.
    mutating func report(_ field: String, _ code: String, _ message: String) {
        issues.append(FieldIssue(field: field, code: code, message: message))
    }

    /// The value of `name`; JSON null counts as absent.
    func value(_ name: String) -> ConfigValue? {
        guard let value = fields.first(where: { $0.0 == name })?.1, value != .null else { return nil }
        return value
    }

    /// An optional UUID field.
    mutating func identifier<Tag>(_ name: String, as _: Identifier<Tag>.Type) -> Identifier<Tag>? {
        guard let value = value(name) else { return nil }
        guard case .string(let text) = value, let id = Identifier<Tag>(text) else {
            report(name, "invalid_uuid", "must be a UUID string")
            return nil
        }
        return id
    }

    /// A required non-blank string of at most `maxLength` characters.
    mutating func text(_ name: String, maxLength: Int) -> String? {
        guard let value = value(name) else {
            report(name, "required", "is required")
            return nil
        }
        guard case .string(let text) = value else {
            report(name, "invalid_type", "must be a string")
            return nil
        }
        if text.allSatisfy(\.isWhitespace) {
            report(name, "too_short", "must not be empty")
        } else if text.unicodeScalars.count > maxLength {
            report(name, "too_long", "must be at most \(maxLength) characters")
        } else {
            return text
        }
        return nil
    }

    /// An optional object of at most `maxCount` non-blank strings, keys and values at most `maxLength` characters.
    mutating func stringMap(_ name: String, maxLength: Int, maxCount: Int) -> [String: String] {
        guard let value = value(name) else { return [:] }
        guard case .object(let pairs) = value else {
            report(name, "invalid_type", "must be an object of strings")
            return [:]
        }
        guard pairs.count <= maxCount else {
            report(name, "too_long", "must have at most \(maxCount) entries")
            return [:]
        }
        var result: [String: String] = [:]
        for (key, element) in pairs {
            let path = "\(name).\(key)"
            if key.allSatisfy(\.isWhitespace) || key.unicodeScalars.count > maxLength {
                report(name, "invalid_value", "keys must be 1 to \(maxLength) characters")
            } else if case .string(let text) = element {
                if text.allSatisfy(\.isWhitespace) {
                    report(path, "too_short", "must not be empty")
                } else if text.unicodeScalars.count > maxLength {
                    report(path, "too_long", "must be at most \(maxLength) characters")
                } else {
                    result[key] = text
                }
            } else {
                report(path, "invalid_type", "must be a string")
            }
        }
        return result
    }

    /// A required object field, returned as sent.
    mutating func object(_ name: String) -> ConfigValue? {
        guard let value = value(name) else {
            report(name, "required", "is required")
            return nil
        }
        guard case .object = value else {
            report(name, "invalid_type", "must be an object")
            return nil
        }
        return value
    }

    /// An optional boolean field.
    mutating func bool(_ name: String) -> Bool? {
        guard let value = value(name) else { return nil }
        guard case .bool(let flag) = value else {
            report(name, "invalid_type", "must be true or false")
            return nil
        }
        return flag
    }
}
