import Testing
import TrawlCore

@Suite struct StartingCriteriaTests {
    @Test func decodesEveryGrouping() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("starting_criteria", [
            ["kind": "exclusive", "params": ["by": "job_id"]],
            ["kind": "exclusive", "params": ["by": "tenant_id", "limit": 4]],
            ["kind": "exclusive", "params": ["by": "labels", "keys": ["team"], "limit": 2]],
            ["kind": "exclusive", "params": ["by": "labels"]],
        ]))
        #expect(config.starting.exclusive == [
            ExclusiveRule(by: .job, limit: 1), ExclusiveRule(by: .tenant, limit: 4),
            ExclusiveRule(by: .labels(keys: ["team"]), limit: 2), ExclusiveRule(by: .labels(keys: []), limit: 1),
        ])
    }

    @Test func absentMeansNoLimit() throws {
        #expect(try CrawlConfig(from: ManifestFixture.minimal).starting.exclusive.isEmpty)
    }

    @Test func resolvedFormDecodesToTheSameCriteria() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("starting_criteria", [
            ["kind": "exclusive", "params": ["by": "labels", "keys": ["team", "env"], "limit": 3]],
        ]))
        #expect(try CrawlConfig(from: config.configValue) == config)
    }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase("starting_criteria", [["kind": "exclusive", "params": ["by": "job"]]],
                          "config.starting_criteria[0].params.by", "unknown by 'job'; expected one of tenant_id, job_id, labels"),
        ManifestIssueCase("starting_criteria", [["kind": "exclusive", "params": ["limit": 2]]],
                          "config.starting_criteria[0].params.by", "is required"),
        ManifestIssueCase("starting_criteria", [["kind": "exclusive", "params": ["by": "job_id", "limit": 0]]],
                          "config.starting_criteria[0].params.limit", "must be between 1 and 10000"),
        ManifestIssueCase("starting_criteria", [["kind": "exclusive", "params": ["by": "job_id", "keys": ["team"]]]],
                          "config.starting_criteria[0].params.keys", "applies only when by is labels"),
        ManifestIssueCase("starting_criteria", [["kind": "exclusiv", "params": ["by": "job_id"]]],
                          "config.starting_criteria[0].kind", "unknown kind 'exclusiv' (did you mean 'exclusive'?)"),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
