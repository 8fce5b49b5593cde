import Testing
import TrawlCore

@Suite struct RobotsPolicyTests {
    @Test func decodesThePolicy() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("policies", [
            ["kind": "robots_txt", "params": ["obey": false, "default_delay": "2s", "max_crawl_delay": "1m"]],
        ]))
        #expect(config.robots == RobotsPolicy(obey: false, defaultDelay: .seconds(2), maxCrawlDelay: .seconds(60)))
    }

    @Test func defaultsObeyWithACappedCrawlDelay() throws {
        let expected = RobotsPolicy(obey: true, defaultDelay: nil, maxCrawlDelay: .seconds(30))
        #expect(try CrawlConfig(from: ManifestFixture.minimal).robots == expected)
        #expect(try CrawlConfig(from: ManifestFixture.with("policies", [["kind": "robots_txt"]])).robots == expected)
        #expect(try CrawlConfig(from: ManifestFixture.with("policies", [["kind": "robots_txt", "params": .null]])).robots == expected)
    }

    @Test func acceptsZeroDelays() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("policies", [
            ["kind": "robots_txt", "params": ["default_delay": 0, "max_crawl_delay": "0s"]],
        ]))
        #expect(config.robots.defaultDelay == .zero)
        #expect(config.robots.maxCrawlDelay == .zero)
    }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase("policies", [["kind": "robots_txt", "params": ["obey": "yes"]]], "config.policies[0].params.obey", "expected true or false"),
        ManifestIssueCase("policies", [["kind": "robots_txt", "params": ["default_delay": -1]]],
                  "config.policies[0].params.default_delay", "must not be negative"),
        ManifestIssueCase("policies", [["kind": "robots_txt", "params": ["max_crawl_delay": true]]],
                  "config.policies[0].params.max_crawl_delay", "expected a duration such as 30s, 10m or 6h"),
        ManifestIssueCase("policies", [["kind": "robots_txt", "params": ["obeys": true]]],
                  "config.policies[0].params", "unknown field 'obeys' (did you mean 'obey'?)"),
        ManifestIssueCase("policies", [["kind": "robots"]], "config.policies[0].kind", "unknown kind 'robots'; expected one of robots_txt"),
        ManifestIssueCase("policies", [["kind": "robots_txt"], ["kind": "robots_txt"]],
                  "config.policies[1].kind", "duplicate kind 'robots_txt' (already given at config.policies[0])"),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
