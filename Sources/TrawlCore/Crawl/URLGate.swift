import Foundation

/// Decides whether a discovered URL may enter the frontier: sanitising mutators, the trap guard, then the
/// manifest's filters in order (scope, regex and URL patterns). Stateless and thread-safe, so parse workers
/// can run it; per-host budgets are counted by the engine, which owns the counts.
public struct URLGate: Sendable {
    private enum Rule: Sendable {
        case scope(Scope)
        case patterns(allow: [Pattern], deny: [Pattern], defaultAllow: Bool)
    }

    private let rules: [Rule]
    private let sanitize: SanitizeOptions
    private let trapGuard: TrapGuard
    private let seedHosts: Set<String>
    private let seedOrigins: Set<Origin>
    private let seedDomains: [String]
    /// The per-host budget, if one is configured.
    public let maxPerHost: Int?

    /// A gate for `config`, with scope measured from `seeds`.
    public init(config: CrawlConfig, seeds: [CrawlURL], trapGuard: TrapGuard = TrapGuard()) throws(ManifestError) {
        var rules: [Rule] = []
        var budget: Int?
        var issues: [ManifestError.Issue] = []
        for (index, filter) in config.filters.enumerated() {
            switch filter {
            case .scope(let scope):
                rules.append(.scope(scope))
            case .budget(let maxPerHost):
                budget = min(budget ?? .max, maxPerHost)
            case .regex(let allow, let deny, let defaultAllow):
                do {
                    rules.append(.patterns(allow: try allow.map(Pattern.regex), deny: try deny.map(Pattern.regex),
                                           defaultAllow: defaultAllow))
                } catch {
                    issues.append(.init(path: "config.filters[\(index)].params", message: "invalid regular expression: \(error.reason)"))
                }
            case .urlPattern(let allow, let deny, let defaultAllow):
                rules.append(.patterns(allow: allow.map(Pattern.glob), deny: deny.map(Pattern.glob), defaultAllow: defaultAllow))
            }
        }
        if !issues.isEmpty { throw ManifestError(issues: issues) }
        self.rules = rules
        self.maxPerHost = budget
        self.sanitize = config.sanitize
        self.trapGuard = trapGuard
        seedHosts = Set(seeds.map(\.host))
        seedOrigins = Set(seeds.map(\.origin))
        seedDomains = seeds.map { $0.host.hasPrefix("www.") ? String($0.host.dropFirst(4)) : $0.host }
    }

    /// Applies the sanitising mutators (query stripping, parameter removal).
    public func sanitized(_ url: CrawlURL) -> CrawlURL {
        if sanitize.stripQuery { return url.removingQuery() }
        guard !sanitize.stripParameters.isEmpty, url.query != nil else { return url }
        let globs = sanitize.stripParameters.map(Pattern.glob)
        return url.removingQueryParameters { name in globs.contains { $0.matches(String(name)) } }
    }

    /// Why `url` (already sanitised) may not be crawled, or nil when it may.
    public func exclusion(for url: CrawlURL) -> Exclusion? {
        if let trap = trapGuard.check(url) { return trap }
        for rule in rules {
            switch rule {
            case .scope(let scope):
                if !inScope(url, scope) { return .scope }
            case .patterns(let allow, let deny, let defaultAllow):
                let text = url.string
                if deny.contains(where: { $0.matches(text) }) { return .filter }
                if allow.contains(where: { $0.matches(text) }) { continue }
                if !defaultAllow { return .filter }
            }
        }
        return nil
    }

    private func inScope(_ url: CrawlURL, _ scope: Scope) -> Bool {
        switch scope {
        case .any: true
        case .origin: seedOrigins.contains(url.origin)
        case .host: seedHosts.contains(url.host)
        case .domain: seedDomains.contains { url.host == $0 || url.host.hasSuffix("." + $0) }
        }
    }
}
