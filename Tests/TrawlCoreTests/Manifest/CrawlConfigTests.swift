import Testing
import TrawlCore

@Suite struct CrawlConfigTests {
    @Test func initFillsEveryDefault() {
        let config = CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])])
        #expect(config.stopping == StoppingCriteria(maxEmptyEvaluations: 10))
        #expect(config.ranker == .breadth)
        #expect(config.robots == RobotsPolicy(obey: true, defaultDelay: nil, maxCrawlDelay: .seconds(30)))
        #expect(config.filters == [.scope(.host)])
        #expect(config.sanitize == SanitizeOptions(stripQuery: false, stripParameters: []))
        #expect(config.fetcher == FetcherOptions())
        #expect(config.speed == SpeedOptions())
        #expect(config.maxQueueSize == 100_000)
    }

    @Test func minimalManifestDecodesToTheDefaults() throws {
        #expect(try CrawlConfig(from: ManifestFixture.minimal) == CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])]))
    }

    @Test func nullSectionsCountAsAbsent() throws {
        let value: ConfigValue = ["seeds": ManifestFixture.seeds, "filters": .null, "ranker": .null, "max_queue_size": .null]
        #expect(try CrawlConfig(from: value) == CrawlConfig(from: ManifestFixture.minimal))
    }

    @Test(arguments: [Ranker.breadth, .depth])
    func decodesTheRanker(ranker: Ranker) throws {
        let config = try CrawlConfig(from: ManifestFixture.with("ranker", ["kind": .string(ranker.rawValue)]))
        #expect(config.ranker == ranker)
    }

    @Test func resolvedConfigSpellsOutEveryDefault() {
        let resolved = CrawlConfig(seeds: [.sitemap(urls: ["https://example.com/sitemap.xml"], limit: nil)]).configValue
        let expected: ConfigValue = [
            "seeds": [["kind": "sitemap", "params": ["urls": ["https://example.com/sitemap.xml"], "limit": .null]]],
            "stopping_criteria": [["kind": "max_empty_evaluations", "params": ["max_empty_evaluations": 10]]],
            "starting_criteria": [],
            "ranker": ["kind": "breadth", "params": [:]],
            "policies": [["kind": "robots_txt", "params": ["obey": true, "default_delay": .null, "max_crawl_delay": "30s"]]],
            "filters": [["kind": "scope", "params": ["scope": "host"]]],
            "mutators": [["kind": "sanitize", "params": ["strip_fragment": true, "strip_query": false, "strip_parameters": []]]],
            "fetcher": ["kind": "http", "params": [
                "user_agent": "Trawl/0.1 (+https://github.com/trawl)", "headers": [:], "timeout": "30s", "connect_timeout": "10s",
                "max_redirects": 10, "max_retries": 2, "max_body_bytes": 10_485_760,
            ]],
            "speed": ["kind": "fixed", "params": [
                "concurrency": 64, "per_host_concurrency": 2, "delay": "1s", "delay_factor": 2.0, "max_delay": "30s",
            ]],
            "max_queue_size": 100_000,
            "pipelines": [
                ["kind": "markdown", "params": ["content_xpath": .null, "skip_tags": []]],
                ["kind": "chunk", "params": ["target_tokens": 200, "overlap_tokens": 32]],
                ["kind": "minilm", "params": [:]],
            ],
            "recrawl": ["kind": "conditional", "params": [
                "use_validators": true, "detect_identical_payload": true, "use_sitemap_lastmod": true, "min_age": "0s",
            ]],
        ]
        #expect(resolved == expected)
    }

    static let roundTripConfigs: [CrawlConfig] = [
        CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])]),
        CrawlConfig(
            seeds: [.staticList(urls: ["https://a.example/", "http://b.example:8080/x"]),
                    .sitemap(urls: ["https://a.example/sitemap.xml"], limit: 5_000)],
            stopping: StoppingCriteria(maxURLs: 1_000, maxDepth: 0, maxAge: .seconds(5_400), maxEmptyEvaluations: 3),
            ranker: .depth,
            robots: RobotsPolicy(obey: false, defaultDelay: .milliseconds(1_500), maxCrawlDelay: .zero),
            filters: [.regex(allow: ["^https://a\\.example/"], deny: ["\\.pdf$"], defaultAllow: false),
                      .urlPattern(allow: [], deny: ["*/tag/*"], defaultAllow: true),
                      .budget(maxPerHost: 7), .scope(.origin), .scope(.domain)],
            sanitize: SanitizeOptions(stripQuery: true, stripParameters: ["utm_*"]),
            fetcher: FetcherOptions(userAgent: "Bot/1", headers: ["B": "2", "A": "1"], timeout: .seconds(600),
                                    connectTimeout: .milliseconds(250), maxRedirects: 0, maxRetries: 20, maxBodyBytes: 1_024),
            speed: SpeedOptions(concurrency: 10_000, perHostConcurrency: 10_000, delay: .zero, delayFactor: 0.25, maxDelay: .seconds(1)),
            maxQueueSize: 100,
            recrawl: RecrawlPolicy(useValidators: false, detectIdenticalPayload: false, useSitemapLastmod: false,
                                   minAge: .seconds(6 * 3600))),
        CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])], recrawl: RecrawlPolicy(kind: .full)),
    ]

    @Test(arguments: roundTripConfigs)
    func resolvedConfigDecodesToAnEqualConfig(config: CrawlConfig) throws {
        let resolved = config.configValue
        let decoded = try CrawlConfig(from: resolved)
        #expect(decoded == config)
        #expect(decoded.configValue == resolved)
    }

    @Test func decodingUnderAnotherPathNamesIt() {
        #expect(throws: ManifestError(issues: [.init(path: "job.config.seeds", message: "is required")])) {
            try CrawlConfig(from: [:], path: "job.config")
        }
    }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase(config: "seeds", issues: [.init(path: "config", message: "expected an object")]),
        ManifestIssueCase("seedz", [], "config", "unknown field 'seedz' (did you mean 'seeds'?)"),
        ManifestIssueCase("pipeline", [], "config", "unknown field 'pipeline' (did you mean 'pipelines'?)"),
        ManifestIssueCase("storage", [], "config", "unknown field 'storage'; expected one of seeds, stopping_criteria, "
            + "starting_criteria, ranker, policies, filters, mutators, fetcher, speed, max_queue_size, pipelines, recrawl"),
        ManifestIssueCase("max_queue_size", 99, "config.max_queue_size", "must be at least 100"),
        ManifestIssueCase("max_queue_size", "100k", "config.max_queue_size", "expected an integer"),
        ManifestIssueCase("ranker", "breadth", "config.ranker", "expected an object"),
        ManifestIssueCase("ranker", ["kind": "breath"], "config.ranker.kind", "unknown kind 'breath' (did you mean 'breadth'?)"),
        ManifestIssueCase("ranker", [:], "config.ranker.kind", "is required"),
        ManifestIssueCase("ranker", ["kind": 1], "config.ranker.kind", "expected a string"),
        ManifestIssueCase("ranker", ["kind": "depth", "params": []], "config.ranker.params", "expected an object"),
        ManifestIssueCase("ranker", ["kind": "depth", "params": ["order": "asc"]], "config.ranker.params",
                  "unknown field 'order'; none are accepted here"),
        ManifestIssueCase("ranker", ["kind": "depth", "param": [:]], "config.ranker", "unknown field 'param' (did you mean 'params'?)"),
        ManifestIssueCase("policies", "robots_txt", "config.policies", "expected a list"),
        ManifestIssueCase("recrawl", ["kind": "conditionl"], "config.recrawl.kind",
                          "unknown kind 'conditionl' (did you mean 'conditional'?)"),
        ManifestIssueCase("recrawl", ["kind": "conditional", "params": ["min_age": "6 hours"]], "config.recrawl.params.min_age",
                          "expected a duration such as 30s, 10m or 6h"),
        ManifestIssueCase("recrawl", ["kind": "conditional", "params": ["use_validators": "yes"]],
                          "config.recrawl.params.use_validators", "expected true or false"),
        ManifestIssueCase("recrawl", ["kind": "full", "params": ["min_age": "1h"]], "config.recrawl.params",
                          "unknown field 'min_age'; none are accepted here"),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
