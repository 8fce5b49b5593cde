import Testing
import TrawlCore

@Suite struct ManifestTests {
    /// The manifest of the task description, as the YAML loader would hand it over.
    static let fullManifest: ConfigValue = [
        "name": "docs-crawl",
        "labels": ["team": "search", "env": "prod"],
        "config": [
            "seeds": [
                ["kind": "static_list", "params": ["urls": ["https://example.com/"]]],
                ["kind": "sitemap", "params": ["urls": ["https://example.com/sitemap.xml"], "limit": 5_000]],
            ],
            "stopping_criteria": [
                ["kind": "max_urls", "params": ["max_urls": 1_000]],
                ["kind": "max_depth", "params": ["max_depth": 3]],
                ["kind": "max_age", "params": ["max_age": "30m"]],
                ["kind": "max_empty_evaluations", "params": ["max_empty_evaluations": 10]],
            ],
            "ranker": ["kind": "breadth"],
            "policies": [["kind": "robots_txt", "params": ["obey": true, "default_delay": "1s", "max_crawl_delay": "30s"]]],
            "filters": [
                ["kind": "scope", "params": ["scope": "host"]],
                ["kind": "regex_patterns", "params": [
                    "allow": [#"^https://example\.com/docs/"#], "deny": [#"\.pdf$"#], "default_allow": false,
                ]],
                ["kind": "url_patterns", "params": ["allow": ["https://example.com/blog/*"], "deny": [], "default_allow": true]],
                ["kind": "budget", "params": ["max_per_host": 500]],
            ],
            "mutators": [["kind": "sanitize", "params": ["strip_fragment": true, "strip_query": false, "strip_parameters": ["utm_*"]]]],
            "fetcher": ["kind": "http", "params": [
                "user_agent": "DocsBot/1.0", "headers": ["Accept-Language": "en"], "timeout": "30s", "connect_timeout": "10s",
                "max_redirects": 10, "max_retries": 2, "max_body_bytes": 10_485_760,
            ]],
            "speed": ["kind": "fixed", "params": [
                "concurrency": 64, "per_host_concurrency": 2, "delay": "1s", "delay_factor": 2.0, "max_delay": "30s",
            ]],
            "max_queue_size": 100_000,
        ],
    ]

    @Test func decodesAFullManifestIntoTypedValues() throws {
        let manifest = try Manifest(from: Self.fullManifest)
        #expect(manifest.name == "docs-crawl")
        #expect(manifest.labels == ["team": "search", "env": "prod"])
        #expect(manifest.config == CrawlConfig(
            seeds: [.staticList(urls: ["https://example.com/"]), .sitemap(urls: ["https://example.com/sitemap.xml"], limit: 5_000)],
            stopping: StoppingCriteria(maxURLs: 1_000, maxDepth: 3, maxAge: .seconds(1_800), maxEmptyEvaluations: 10),
            ranker: .breadth,
            robots: RobotsPolicy(obey: true, defaultDelay: .seconds(1), maxCrawlDelay: .seconds(30)),
            filters: [
                .scope(.host),
                .regex(allow: [#"^https://example\.com/docs/"#], deny: [#"\.pdf$"#], defaultAllow: false),
                .urlPattern(allow: ["https://example.com/blog/*"], deny: [], defaultAllow: true),
                .budget(maxPerHost: 500),
            ],
            sanitize: SanitizeOptions(stripQuery: false, stripParameters: ["utm_*"]),
            fetcher: FetcherOptions(userAgent: "DocsBot/1.0", headers: ["Accept-Language": "en"]),
            speed: SpeedOptions(),
            maxQueueSize: 100_000))
    }

    @Test func reencodesAndDecodesToAnEqualManifest() throws {
        let manifest = try Manifest(from: Self.fullManifest)
        let value = manifest.configValue
        #expect(value["name"] == "docs-crawl")
        #expect(value["labels"] == ["env": "prod", "team": "search"])
        #expect(value["config"] == manifest.config.configValue)
        #expect(try Manifest(from: value) == manifest)
    }

    @Test func labelsAreOptional() throws {
        let manifest = try Manifest(from: ["name": "n", "config": ManifestFixture.minimal])
        #expect(manifest.labels.isEmpty)
        #expect(try Manifest(from: ["name": "n", "labels": .null, "config": ManifestFixture.minimal]) == manifest)
    }

    @Test func aManifestHasAtMost64Labels() {
        let labels = ConfigValue.object((0...64).map { ("k\($0)", ConfigValue.string("v")) })
        #expect(throws: ManifestError(issues: [.init(path: "labels", message: "must have at most 64 labels")])) {
            try Manifest(from: ["name": "n", "labels": labels, "config": ManifestFixture.minimal])
        }
    }

    @Test func reportsEveryProblemTogetherInDocumentOrder() {
        let value: ConfigValue = [
            "name": "",
            "labels": ["team": 1],
            "config": [
                "seeds": [["kind": "static_list", "params": ["urls": ["ftp://example.com/"]]]],
                "stopping_criteria": [["kind": "max_pages"], ["kind": "max_urls", "params": ["max_urls": "1000"]]],
                "fetcher": ["kind": "http", "params": ["max_redirect": 3]],
                "speed": ["kind": "fixed", "params": ["concurrency": 0]],
            ],
        ]
        let expected = [
            ("name", "must not be empty"),
            ("labels.team", "expected a string"),
            ("config.seeds[0].params.urls[0]", "'ftp://example.com/' is not an http:// or https:// URL"),
            ("config.stopping_criteria[0].kind",
             "unknown kind 'max_pages'; expected one of max_urls, max_depth, max_age, max_empty_evaluations"),
            ("config.stopping_criteria[1].params.max_urls", "expected an integer"),
            ("config.fetcher.params", "unknown field 'max_redirect' (did you mean 'max_redirects'?)"),
            ("config.speed.params.concurrency", "must be between 1 and 10000"),
        ]
        #expect(throws: ManifestError(issues: expected.map { ManifestError.Issue(path: $0.0, message: $0.1) })) {
            try Manifest(from: value)
        }
    }

    @Test func describesOneIssuePerLine() {
        let error = ManifestError(issues: [
            .init(path: "name", message: "is required"),
            .init(path: "config.ranker.kind", message: "expected a string"),
            .init(path: "", message: "expected an object"),
        ])
        #expect(error.description == "name: is required\nconfig.ranker.kind: expected a string\nexpected an object")
    }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase(config: ["config": ManifestFixture.minimal], issues: [.init(path: "name", message: "is required")]),
        ManifestIssueCase(config: ["name": .null, "config": ManifestFixture.minimal], issues: [.init(path: "name", message: "is required")]),
        ManifestIssueCase(config: ["name": 5, "config": ManifestFixture.minimal], issues: [.init(path: "name", message: "expected a string")]),
        ManifestIssueCase(config: ["name": "  ", "config": ManifestFixture.minimal], issues: [.init(path: "name", message: "must not be empty")]),
        ManifestIssueCase(config: ["name": .string(String(repeating: "n", count: 201)), "config": ManifestFixture.minimal],
                  issues: [.init(path: "name", message: "must be at most 200 characters")]),
        ManifestIssueCase(config: ["name": "n"], issues: [.init(path: "config", message: "is required")]),
        ManifestIssueCase(config: ["name": "n", "config": []], issues: [.init(path: "config", message: "expected an object")]),
        ManifestIssueCase(config: ["name": "n", "labels": ["a"], "config": ManifestFixture.minimal],
                  issues: [.init(path: "labels", message: "expected an object")]),
        ManifestIssueCase(config: ["name": "n", "labels": ["": "x"], "config": ManifestFixture.minimal],
                  issues: [.init(path: "labels", message: "label keys must not be empty")]),
        ManifestIssueCase(config: ["name": "n", "labels": ["team": ""], "config": ManifestFixture.minimal],
                  issues: [.init(path: "labels.team", message: "must not be empty")]),
        ManifestIssueCase(config: ["name": "n", "labels": ["team": .string(String(repeating: "x", count: 201))], "config": ManifestFixture.minimal],
                  issues: [.init(path: "labels.team", message: "must be at most 200 characters")]),
        ManifestIssueCase(config: ["name": "n", "labels": [.init(repeating: "k", count: 201): "x"], "config": ManifestFixture.minimal],
                  issues: [.init(path: "labels", message: "label key 'kkkkkkkkkkkkkkkkkkkk…' must be at most 200 characters")]),
        ManifestIssueCase(config: ["nmae": "n", "config": ManifestFixture.minimal], issues: [
            .init(path: "", message: "unknown field 'nmae' (did you mean 'name'?)"), .init(path: "name", message: "is required"),
        ]),
        ManifestIssueCase(config: "docs-crawl", issues: [.init(path: "", message: "expected an object")]),
    ]

    /// Here an `ManifestIssueCase`'s config is the whole manifest.
    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(throws: ManifestError(issues: issueCase.issues)) { try Manifest(from: issueCase.config) }
    }
}
