// Literals let tests and callers write manifests inline, e.g. `["kind": "max_urls", "params": ["max_urls": 10]]`.

extension ConfigValue: ExpressibleByBooleanLiteral {
    /// A `.bool` value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension ConfigValue: ExpressibleByIntegerLiteral {
    /// An `.int` value.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension ConfigValue: ExpressibleByFloatLiteral {
    /// A `.double` value.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension ConfigValue: ExpressibleByStringLiteral {
    /// A `.string` value.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension ConfigValue: ExpressibleByArrayLiteral {
    /// An `.array` value.
    public init(arrayLiteral elements: ConfigValue...) { self = .array(elements) }
}

extension ConfigValue: ExpressibleByDictionaryLiteral {
    /// An `.object` value, keys in the order written.
    public init(dictionaryLiteral elements: (String, ConfigValue)...) { self = .object(elements) }
}
