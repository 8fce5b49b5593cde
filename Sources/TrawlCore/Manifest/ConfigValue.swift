/// A JSON/YAML-shaped value, the neutral form every manifest is decoded from and re-encoded to.
public enum ConfigValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([ConfigValue])
    /// Keys keep their document order so a re-encoded manifest reads in the order it was written.
    case object([(String, ConfigValue)])

    /// Structural equality; object keys are compared in order, because order is part of what a value shows.
    public static func == (lhs: ConfigValue, rhs: ConfigValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The value stored under `key` when this is an object (the first one, should a key repeat), else nil.
    public subscript(key: String) -> ConfigValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }
}
