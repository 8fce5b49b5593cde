// Builders for the canonical shapes a resolved manifest is re-encoded in.

extension ConfigValue {
    /// A `{kind, params}` component.
    static func component(_ kind: String, _ params: [(String, ConfigValue)] = []) -> ConfigValue {
        .object([("kind", .string(kind)), ("params", .object(params))])
    }

    /// A duration in its canonical text, e.g. "1h30m".
    static func duration(_ duration: Duration) -> ConfigValue {
        .string(DurationText.format(duration))
    }

    /// A list of strings.
    static func strings(_ strings: [String]) -> ConfigValue {
        .array(strings.map(ConfigValue.string))
    }

    /// An object of strings, keys sorted so equal maps always encode alike.
    static func stringMap(_ map: [String: String]) -> ConfigValue {
        .object(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }
}
