/// Walks a `ConfigValue` tree and collects every problem with its path, so one pass reports them all.
///
/// Readers return nil for a value they could not read (after reporting why); callers carry on with a default so
/// later sections are still checked. The caller throws at the end when any issue was reported.
struct ManifestReader {
    /// An object whose keys were checked against the names its place accepts; null values count as absent.
    struct Fields {
        /// Where the object is.
        let path: String
        private let values: [String: ConfigValue]

        fileprivate init(path: String, values: [String: ConfigValue]) {
            self.path = path
            self.values = values
        }

        /// The value under `key`, or nil when it is absent or null.
        subscript(key: String) -> ConfigValue? { values[key] }

        /// The path of the field `key`.
        func path(_ key: String) -> String { ManifestReader.path(path, key) }
    }

    /// A `{kind, params}` component whose kind is one of those its place accepts.
    struct Component<Kind> {
        var kind: Kind
        /// Where the component is.
        var path: String
        /// The `params` value; an empty object when absent or null.
        var params: ConfigValue
        /// The path of `params`.
        var paramsPath: String { ManifestReader.path(path, "params") }
    }

    /// Every problem reported so far, in document order.
    private(set) var issues: [ManifestError.Issue] = []

    /// Records a problem at `path`.
    mutating func report(_ path: String, _ message: String) {
        issues.append(ManifestError.Issue(path: path, message: message))
    }

    /// Throws every issue reported, if there are any.
    func check() throws(ManifestError) {
        if !issues.isEmpty { throw ManifestError(issues: issues) }
    }

    /// `base.key`, or `key` at the root.
    static func path(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

    /// `base[index]`.
    static func path(_ base: String, _ index: Int) -> String { "\(base)[\(index)]" }

    /// Reads an object whose keys must all be in `allowed`; other keys are reported with a suggestion.
    mutating func fields(of value: ConfigValue, at path: String, allowed: [String]) -> Fields? {
        guard case .object(let pairs) = value else {
            report(path, "expected an object")
            return nil
        }
        var values: [String: ConfigValue] = [:]
        for (key, value) in pairs {
            guard allowed.contains(key) else {
                report(path, NameSuggestion.unknownField(key, expected: allowed))
                continue
            }
            if value != .null, values[key] == nil { values[key] = value }
        }
        return Fields(path: path, values: values)
    }

    /// Reads `key` of `fields` with `read`, reporting a required field that is absent or null.
    mutating func field<T>(
        _ key: String, of fields: Fields, required: Bool = false,
        _ read: (inout ManifestReader, ConfigValue, String) -> T?
    ) -> T? {
        guard let value = fields[key] else {
            if required { report(fields.path(key), "is required") }
            return nil
        }
        return read(&self, value, fields.path(key))
    }

    /// Reads a list, each element with `read`; elements that fail are reported and left out.
    mutating func list<T>(
        _ value: ConfigValue, at path: String, _ read: (inout ManifestReader, ConfigValue, String) -> T?
    ) -> [T]? {
        guard case .array(let elements) = value else {
            report(path, "expected a list")
            return nil
        }
        return elements.enumerated().compactMap { index, element in
            read(&self, element, ManifestReader.path(path, index))
        }
    }

    /// Reads a `{kind, params}` component whose kind must be a case of `Kind`.
    mutating func component<Kind: RawRepresentable & CaseIterable>(
        _ value: ConfigValue, at path: String, of _: Kind.Type
    ) -> Component<Kind>? where Kind.RawValue == String {
        guard let fields = fields(of: value, at: path, allowed: ["kind", "params"]) else { return nil }
        let params = fields["params"] ?? .object([])
        if case .object = params {} else { report(fields.path("params"), "expected an object") }
        guard let name = field("kind", of: fields, required: true, { $0.string($1, at: $2) }) else { return nil }
        guard let kind = Kind(rawValue: name) else {
            report(fields.path("kind"), NameSuggestion.unknownValue("kind", name, expected: Kind.allCases.map(\.rawValue)))
            return nil
        }
        guard case .object = params else { return nil }
        return Component(kind: kind, path: path, params: params)
    }

    /// Reads a list of components; with `unique`, a kind given twice is reported at its second place.
    mutating func components<Kind: RawRepresentable & CaseIterable & Hashable>(
        _ value: ConfigValue, at path: String, of kind: Kind.Type, unique: Bool
    ) -> [Component<Kind>] where Kind.RawValue == String {
        var firstPaths: [Kind: String] = [:]
        return list(value, at: path) { reader, element, elementPath -> Component<Kind>? in
            guard let component = reader.component(element, at: elementPath, of: kind) else { return nil }
            guard unique else { return component }
            if let first = firstPaths[component.kind] {
                reader.report(
                    ManifestReader.path(elementPath, "kind"),
                    "duplicate kind '\(component.kind.rawValue)' (already given at \(first))")
                return nil
            }
            firstPaths[component.kind] = elementPath
            return component
        } ?? []
    }
}
