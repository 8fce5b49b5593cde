extension RobotsPolicy {
    /// Policy component kinds as manifests spell them.
    enum Kind: String, CaseIterable {
        case robotsTxt = "robots_txt"
    }

    /// Reads the `policies` list; each kind may appear once.
    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> RobotsPolicy {
        var policy = RobotsPolicy()
        for component in reader.components(value, at: path, of: Kind.self, unique: true) {
            let allowed = ["obey", "default_delay", "max_crawl_delay"]
            guard let params = reader.fields(of: component.params, at: component.paramsPath, allowed: allowed) else {
                continue
            }
            policy.obey = reader.field("obey", of: params) { $0.bool($1, at: $2) } ?? policy.obey
            policy.defaultDelay = reader.field("default_delay", of: params) { $0.duration($1, at: $2, allowZero: true) }
            policy.maxCrawlDelay = reader.field("max_crawl_delay", of: params) { $0.duration($1, at: $2, allowZero: true) }
                ?? policy.maxCrawlDelay
        }
        return policy
    }

    /// The canonical `policies` list.
    var configValue: ConfigValue {
        .array([
            .component(Kind.robotsTxt.rawValue, [
                ("obey", .bool(obey)),
                ("default_delay", defaultDelay.map(ConfigValue.duration) ?? .null),
                ("max_crawl_delay", .duration(maxCrawlDelay)),
            ]),
        ])
    }
}
