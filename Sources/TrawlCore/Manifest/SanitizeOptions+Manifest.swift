extension SanitizeOptions {
    /// Mutator component kinds as manifests spell them.
    enum Kind: String, CaseIterable {
        case sanitize
    }

    /// Reads the `mutators` list; each kind may appear once.
    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> SanitizeOptions {
        var options = SanitizeOptions()
        for component in reader.components(value, at: path, of: Kind.self, unique: true) {
            let allowed = ["strip_fragment", "strip_query", "strip_parameters"]
            guard let params = reader.fields(of: component.params, at: component.paramsPath, allowed: allowed) else {
                continue
            }
            // Accepted so manifests can say it, but only as true: a fragment never makes a different page in Trawl.
            if reader.field("strip_fragment", of: params, { $0.bool($1, at: $2) }) == false {
                reader.report(params.path("strip_fragment"),
                              "must be true: fragments are never part of a URL's identity in Trawl")
            }
            options.stripQuery = reader.field("strip_query", of: params) { $0.bool($1, at: $2) } ?? options.stripQuery
            options.stripParameters = reader.field("strip_parameters", of: params) { $0.strings($1, at: $2) }
                ?? options.stripParameters
        }
        return options
    }

    /// The canonical `mutators` list.
    var configValue: ConfigValue {
        .array([
            .component(Kind.sanitize.rawValue, [
                ("strip_fragment", .bool(true)),
                ("strip_query", .bool(stripQuery)),
                ("strip_parameters", .strings(stripParameters)),
            ]),
        ])
    }
}
