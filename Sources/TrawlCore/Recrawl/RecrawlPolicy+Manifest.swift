extension RecrawlPolicy {
    private static let allowed = ["use_validators", "detect_identical_payload", "use_sitemap_lastmod", "min_age"]

    /// Reads the `recrawl` component; `full` takes no params.
    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> RecrawlPolicy {
        var policy = RecrawlPolicy()
        guard let component = reader.component(value, at: path, of: Kind.self) else { return policy }
        policy.kind = component.kind
        guard let params = reader.fields(of: component.params, at: component.paramsPath,
                                         allowed: component.kind == .full ? [] : allowed) else { return policy }
        policy.useValidators = reader.field("use_validators", of: params) { $0.bool($1, at: $2) } ?? policy.useValidators
        policy.detectIdenticalPayload = reader.field("detect_identical_payload", of: params) { $0.bool($1, at: $2) }
            ?? policy.detectIdenticalPayload
        policy.useSitemapLastmod = reader.field("use_sitemap_lastmod", of: params) { $0.bool($1, at: $2) }
            ?? policy.useSitemapLastmod
        policy.minAge = reader.field("min_age", of: params) { $0.duration($1, at: $2, allowZero: true) } ?? policy.minAge
        return policy
    }

    /// The canonical `recrawl` component.
    var configValue: ConfigValue {
        switch kind {
        case .full: .component(Kind.full.rawValue)
        case .conditional: .component(Kind.conditional.rawValue, [
            ("use_validators", .bool(useValidators)),
            ("detect_identical_payload", .bool(detectIdenticalPayload)),
            ("use_sitemap_lastmod", .bool(useSitemapLastmod)),
            ("min_age", .duration(minAge)),
        ])
        }
    }
}
