import Testing
import TrawlCore

@Suite struct StoppingCriteriaTests {
    @Test func decodesEveryCriterion() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("stopping_criteria", [
            ["kind": "max_urls", "params": ["max_urls": 1_000]],
            ["kind": "max_depth", "params": ["max_depth": 0]],
            ["kind": "max_age", "params": ["max_age": "1h30m"]],
            ["kind": "max_empty_evaluations", "params": ["max_empty_evaluations": 3]],
        ]))
        #expect(config.stopping == StoppingCriteria(maxURLs: 1_000, maxDepth: 0, maxAge: .seconds(5_400), maxEmptyEvaluations: 3))
    }

    @Test func defaultsLetEveryRunEnd() throws {
        let absent = try CrawlConfig(from: ManifestFixture.minimal).stopping
        #expect(absent == StoppingCriteria(maxURLs: nil, maxDepth: nil, maxAge: nil, maxEmptyEvaluations: 10))
        let onlyURLs = try CrawlConfig(from: ManifestFixture.with("stopping_criteria", [["kind": "max_urls", "params": ["max_urls": 5]]]))
        #expect(onlyURLs.stopping.maxEmptyEvaluations == StoppingCriteria.defaultMaxEmptyEvaluations)
    }

    @Test func acceptsSecondsAsNumbers() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("stopping_criteria", [["kind": "max_age", "params": ["max_age": 90.5]]]))
        #expect(config.stopping.maxAge == .milliseconds(90_500))
    }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase("stopping_criteria", [["kind": "max_depth", "params": ["max_depth": 2]], ["kind": "max_urls", "params": ["max_urls": "1000"]]],
                  "config.stopping_criteria[1].params.max_urls", "expected an integer"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_pages", "params": ["max_pages": 10]]], "config.stopping_criteria[0].kind",
                  "unknown kind 'max_pages'; expected one of max_urls, max_depth, max_age, max_empty_evaluations"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_url"]], "config.stopping_criteria[0].kind",
                  "unknown kind 'max_url' (did you mean 'max_urls'?)"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_urls", "params": ["max_urls": 0]]],
                  "config.stopping_criteria[0].params.max_urls", "must be at least 1"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_depth", "params": ["max_depth": -1]]],
                  "config.stopping_criteria[0].params.max_depth", "must be at least 0"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_depth", "params": ["max_depth": 2.5]]],
                  "config.stopping_criteria[0].params.max_depth", "expected an integer"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_age", "params": ["max_age": "soon"]]],
                  "config.stopping_criteria[0].params.max_age", "expected a duration such as 30s, 10m or 6h"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_age", "params": ["max_age": 0]]],
                  "config.stopping_criteria[0].params.max_age", "must be greater than 0"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_age", "params": ["max_age": -5]]],
                  "config.stopping_criteria[0].params.max_age", "must be greater than 0"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_empty_evaluations", "params": ["max_empty_evaluations": 0]]],
                  "config.stopping_criteria[0].params.max_empty_evaluations", "must be at least 1"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_urls"]], "config.stopping_criteria[0].params.max_urls", "is required"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_urls", "params": ["max_urls": 5, "max_url": 5]]],
                  "config.stopping_criteria[0].params", "unknown field 'max_url' (did you mean 'max_urls'?)"),
        ManifestIssueCase("stopping_criteria", [["kind": "max_urls", "params": ["max_urls": 5]], ["kind": "max_urls", "params": ["max_urls": 9]]],
                  "config.stopping_criteria[1].kind", "duplicate kind 'max_urls' (already given at config.stopping_criteria[0])"),
        ManifestIssueCase("stopping_criteria", ["kind": "max_urls", "params": ["max_urls": 5]], "config.stopping_criteria", "expected a list"),
        ManifestIssueCase(config: ManifestFixture.with("stopping_criteria", [["kind": "max_urls", "params": ["max_url": 5]]]), issues: [
            .init(path: "config.stopping_criteria[0].params", message: "unknown field 'max_url' (did you mean 'max_urls'?)"),
            .init(path: "config.stopping_criteria[0].params.max_urls", message: "is required"),
        ]),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
