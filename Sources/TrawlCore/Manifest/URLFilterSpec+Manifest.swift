import Foundation

extension URLFilterSpec {
    /// Filter component kinds as manifests spell them.
    enum Kind: String, CaseIterable {
        case regexPatterns = "regex_patterns"
        case urlPatterns = "url_patterns"
        case budget
        case scope
    }

    /// Patterns per `allow` or `deny` list: every discovered URL is matched against each, so the list is a CPU bound.
    static let maximumPatterns = 200
    /// Bytes of all patterns together (each is at most `LinearRegex.maximumLength`): what one URL's judging costs
    /// grows with them, so 400 patterns of 1,000 bytes are refused, while real filters use a few kilobytes.
    static let maximumPatternBytes = 64 << 10

    /// Reads the `filters` list, keeping manifest order; kinds may repeat.
    static func readAll(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> [URLFilterSpec] {
        let filters = reader.components(value, at: path, of: Kind.self, unique: false).compactMap { read($0, with: &reader) }
        // Filter components may repeat: the bound that matters is on every pattern a URL is matched against.
        let total = filters.reduce(0) { count, filter in
            switch filter {
            case let .regex(allow, deny, _), let .urlPattern(allow, deny, _): count + allow.count + deny.count
            case .budget, .scope: count
            }
        }
        if total > maximumPatterns * 2 {
            reader.report(path, "at most \(maximumPatterns * 2) patterns across all filters")
        }
        let bytes = filters.reduce(0) { count, filter in
            switch filter {
            case let .regex(allow, deny, _), let .urlPattern(allow, deny, _):
                count + (allow + deny).reduce(0) { $0 + $1.utf8.count }
            case .budget, .scope: count
            }
        }
        if bytes > maximumPatternBytes {
            reader.report(path, "at most \(maximumPatternBytes / 1024) KiB of patterns across all filters")
        }
        return filters
    }

    /// Reads one filter component.
    static func read(_ component: ManifestReader.Component<Kind>, with reader: inout ManifestReader) -> URLFilterSpec? {
        let path = component.paramsPath
        switch component.kind {
        case .regexPatterns, .urlPatterns:
            let allowed = ["allow", "deny", "default_allow"]
            guard let params = reader.fields(of: component.params, at: path, allowed: allowed) else { return nil }
            let readPattern = component.kind == .regexPatterns ? readRegex : readGlob
            let allow = reader.field("allow", of: params) { $0.list($1, at: $2, readPattern) }
            let deny = reader.field("deny", of: params) { $0.list($1, at: $2, readPattern) }
            for (name, list) in [("allow", allow), ("deny", deny)] where (list?.count ?? 0) > Self.maximumPatterns {
                reader.report(params.path(name), "at most \(Self.maximumPatterns) patterns")
            }
            // With allow patterns given, the natural reading is "only these": so unmatched URLs are refused by default.
            let defaultAllow = reader.field("default_allow", of: params) { $0.bool($1, at: $2) } ?? (allow ?? []).isEmpty
            return component.kind == .regexPatterns
                ? .regex(allow: allow ?? [], deny: deny ?? [], defaultAllow: defaultAllow)
                : .urlPattern(allow: allow ?? [], deny: deny ?? [], defaultAllow: defaultAllow)
        case .budget:
            guard let params = reader.fields(of: component.params, at: path, allowed: ["max_per_host"]),
                  let limit = reader.field("max_per_host", of: params, required: true, { $0.int($1, at: $2, in: 1...Int.max) })
            else { return nil }
            return .budget(maxPerHost: limit)
        case .scope:
            guard let params = reader.fields(of: component.params, at: path, allowed: ["scope"]),
                  let name = reader.field("scope", of: params, required: true, { $0.string($1, at: $2) })
            else { return nil }
            guard let scope = Scope(rawValue: name) else {
                let message = NameSuggestion.unknownValue("scope", name, expected: Scope.allCases.map(\.rawValue))
                reader.report(params.path("scope"), message)
                return nil
            }
            return .scope(scope)
        }
    }

    /// The canonical component.
    var configValue: ConfigValue {
        switch self {
        case let .regex(allow, deny, defaultAllow):
            .component(Kind.regexPatterns.rawValue, Self.patternParams(allow, deny, defaultAllow))
        case let .urlPattern(allow, deny, defaultAllow):
            .component(Kind.urlPatterns.rawValue, Self.patternParams(allow, deny, defaultAllow))
        case .budget(let maxPerHost):
            .component(Kind.budget.rawValue, [("max_per_host", .int(maxPerHost))])
        case .scope(let scope):
            .component(Kind.scope.rawValue, [("scope", .string(scope.rawValue))])
        }
    }

    private static func patternParams(_ allow: [String], _ deny: [String], _ defaultAllow: Bool) -> [(String, ConfigValue)] {
        [("allow", .strings(allow)), ("deny", .strings(deny)), ("default_allow", .bool(defaultAllow))]
    }

    /// A regular expression RE2 compiles, so a bad or unsupported pattern fails the manifest, not the crawl.
    private static func readRegex(_ reader: inout ManifestReader, _ value: ConfigValue, _ path: String) -> String? {
        guard let pattern = reader.string(value, at: path, nonEmpty: true) else { return nil }
        do {
            _ = try LinearRegex(pattern)
        } catch {
            // RE2 cannot run backreferences or lookaround; its reason names the construct ("invalid perl operator").
            reader.report(path, "invalid regular expression for RE2 (no backreferences or lookaround): \(error.reason)")
            return nil
        }
        return pattern
    }

    /// A glob over the whole URL; any non-empty text of at most `LinearRegex.maximumLength` bytes is one.
    private static func readGlob(_ reader: inout ManifestReader, _ value: ConfigValue, _ path: String) -> String? {
        guard let pattern = reader.string(value, at: path, nonEmpty: true) else { return nil }
        guard pattern.utf8.count <= LinearRegex.maximumLength else {
            reader.report(path, "must be at most \(LinearRegex.maximumLength) bytes")
            return nil
        }
        return pattern
    }
}
