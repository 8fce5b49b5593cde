import Testing
import TrawlCore

@Suite struct URLFilterSpecTests {
    @Test func decodesFiltersInManifestOrder() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("filters", [
            ["kind": "budget", "params": ["max_per_host": 500]],
            ["kind": "regex_patterns", "params": ["allow": [#"^https://example\.com/docs/"#], "deny": [#"\.pdf$"#], "default_allow": true]],
            ["kind": "scope", "params": ["scope": "domain"]],
            ["kind": "url_patterns", "params": ["deny": ["*/tag/*"]]],
        ]))
        #expect(config.filters == [
            .budget(maxPerHost: 500),
            .regex(allow: [#"^https://example\.com/docs/"#], deny: [#"\.pdf$"#], defaultAllow: true),
            .scope(.domain),
            .urlPattern(allow: [], deny: ["*/tag/*"], defaultAllow: true),
        ])
    }

    @Test func allowPatternsRefuseUnmatchedURLsByDefault() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("filters", [
            ["kind": "url_patterns", "params": ["allow": ["https://example.com/blog/*"]]],
            ["kind": "regex_patterns", "params": ["deny": ["/private/"]]],
        ]))
        #expect(config.filters.prefix(2) == [
            .urlPattern(allow: ["https://example.com/blog/*"], deny: [], defaultAllow: false),
            .regex(allow: [], deny: ["/private/"], defaultAllow: true),
        ])
    }

    @Test func appendsTheHostScopeWhenNoScopeIsGiven() throws {
        #expect(try CrawlConfig(from: ManifestFixture.minimal).filters == [.scope(.host)])
        let budget = try CrawlConfig(from: ManifestFixture.with("filters", [["kind": "budget", "params": ["max_per_host": 5]]]))
        #expect(budget.filters == [.budget(maxPerHost: 5), .scope(.host)])
        let any = try CrawlConfig(from: ManifestFixture.with("filters", [["kind": "scope", "params": ["scope": "any"]]]))
        #expect(any.filters == [.scope(.any)])
        #expect(CrawlConfig(seeds: [], filters: [.budget(maxPerHost: 1)]).filters == [.budget(maxPerHost: 1), .scope(.host)])
    }

    @Test(arguments: Scope.allCases)
    func decodesEveryScope(scope: Scope) throws {
        let config = try CrawlConfig(from: ManifestFixture.with("filters", [["kind": "scope", "params": ["scope": .string(scope.rawValue)]]]))
        #expect(config.filters == [.scope(scope)])
    }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase("filters", [["kind": "regex_patterns", "params": ["allow": ["(unclosed"]]]],
                  "config.filters[0].params.allow[0]",
                  "invalid regular expression for RE2 (no backreferences or lookaround): missing ): (unclosed"),
        // Backtracking-only syntax is refused up front rather than failing (or crawling) later.
        ManifestIssueCase("filters", [["kind": "regex_patterns", "params": ["deny": ["ok", #"(a+)\1"#]]]],
                  "config.filters[0].params.deny[1]",
                  #"invalid regular expression for RE2 (no backreferences or lookaround): invalid escape sequence: \1"#),
        ManifestIssueCase("filters", [["kind": "regex_patterns", "params": ["allow": ["/docs/(?!old)"]]]],
                  "config.filters[0].params.allow[0]",
                  "invalid regular expression for RE2 (no backreferences or lookaround): invalid perl operator: (?!"),
        ManifestIssueCase("filters", [["kind": "regex_patterns", "params": ["allow": [.string(String(repeating: "a", count: 1_001))]]]],
                  "config.filters[0].params.allow[0]",
                  "invalid regular expression for RE2 (no backreferences or lookaround): pattern longer than 1000 bytes"),
        ManifestIssueCase("filters", [["kind": "regex_patterns", "params": ["deny": .array(Array(repeating: "x", count: 201))]]],
                  "config.filters[0].params.deny", "at most 200 patterns"),
        // Components may repeat; the bound is on every pattern a URL meets.
        ManifestIssueCase("filters", .array(Array(repeating: ["kind": "url_patterns", "params": ["deny": .array(Array(repeating: "x", count: 150))]], count: 3)),
                  "config.filters", "at most 400 patterns across all filters"),
        // Globs are bounded like regular expressions, and so are all patterns' bytes together: each URL meets them all.
        ManifestIssueCase("filters", [["kind": "url_patterns", "params": ["deny": [.string("*" + String(repeating: "a", count: 1_000) + "b*")]]]],
                  "config.filters[0].params.deny[0]", "must be at most 1000 bytes"),
        ManifestIssueCase("filters", [["kind": "url_patterns", "params": ["deny": .array(Array(repeating: .string(String(repeating: "a", count: 700)), count: 100))]]],
                  "config.filters", "at most 64 KiB of patterns across all filters"),
        ManifestIssueCase("filters", [["kind": "regex_patterns", "params": ["deny": ["ok", ""]]]],
                  "config.filters[0].params.deny[1]", "must not be empty"),
        ManifestIssueCase("filters", [["kind": "regex_patterns", "params": ["allow": "^https://"]]],
                  "config.filters[0].params.allow", "expected a list"),
        ManifestIssueCase("filters", [["kind": "regex_patterns", "params": ["default_allow": "no"]]],
                  "config.filters[0].params.default_allow", "expected true or false"),
        ManifestIssueCase("filters", [["kind": "url_patterns", "params": ["allow": [1]]]],
                  "config.filters[0].params.allow[0]", "expected a string"),
        ManifestIssueCase("filters", [["kind": "url_patterns", "params": ["alow": ["*"]]]],
                  "config.filters[0].params", "unknown field 'alow' (did you mean 'allow'?)"),
        ManifestIssueCase("filters", [["kind": "budget", "params": ["max_per_host": 0]]],
                  "config.filters[0].params.max_per_host", "must be at least 1"),
        ManifestIssueCase("filters", [["kind": "budget"]], "config.filters[0].params.max_per_host", "is required"),
        ManifestIssueCase("filters", [["kind": "scope", "params": ["scope": "hosts"]]],
                  "config.filters[0].params.scope", "unknown scope 'hosts' (did you mean 'host'?)"),
        ManifestIssueCase("filters", [["kind": "scope", "params": ["scope": "planet"]]],
                  "config.filters[0].params.scope", "unknown scope 'planet'; expected one of origin, host, domain, any"),
        ManifestIssueCase("filters", [["kind": "scope", "params": ["scope": 1]]], "config.filters[0].params.scope", "expected a string"),
        ManifestIssueCase("filters", [["kind": "regex"]], "config.filters[0].kind",
                  "unknown kind 'regex'; expected one of regex_patterns, url_patterns, budget, scope"),
        ManifestIssueCase("filters", [["kind": "budgets"]], "config.filters[0].kind", "unknown kind 'budgets' (did you mean 'budget'?)"),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
