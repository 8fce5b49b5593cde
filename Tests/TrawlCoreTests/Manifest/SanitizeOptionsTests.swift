import Testing
import TrawlCore

@Suite struct SanitizeOptionsTests {
    @Test func decodesTheSanitizer() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("mutators", [
            ["kind": "sanitize", "params": ["strip_fragment": true, "strip_query": true, "strip_parameters": ["utm_*", "ref"]]],
        ]))
        #expect(config.sanitize == SanitizeOptions(stripQuery: true, stripParameters: ["utm_*", "ref"]))
    }

    @Test func defaultsKeepQueries() throws {
        #expect(try CrawlConfig(from: ManifestFixture.minimal).sanitize == SanitizeOptions(stripQuery: false, stripParameters: []))
    }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase("mutators", [["kind": "sanitize", "params": ["strip_fragment": false]]],
                  "config.mutators[0].params.strip_fragment", "must be true: fragments are never part of a URL's identity in Trawl"),
        ManifestIssueCase("mutators", [["kind": "sanitize", "params": ["strip_fragment": "on"]]],
                  "config.mutators[0].params.strip_fragment", "expected true or false"),
        ManifestIssueCase("mutators", [["kind": "sanitize", "params": ["strip_query": 1]]],
                  "config.mutators[0].params.strip_query", "expected true or false"),
        ManifestIssueCase("mutators", [["kind": "sanitize", "params": ["strip_parameters": ["utm_*", ""]]]],
                  "config.mutators[0].params.strip_parameters[1]", "must not be empty"),
        ManifestIssueCase("mutators", [["kind": "sanitize", "params": ["strip_params": ["a"]]]], "config.mutators[0].params",
                  "unknown field 'strip_params'; expected one of strip_fragment, strip_query, strip_parameters"),
        ManifestIssueCase("mutators", [["kind": "sanitise"]], "config.mutators[0].kind", "unknown kind 'sanitise' (did you mean 'sanitize'?)"),
        ManifestIssueCase("mutators", [["kind": "sanitize"], ["kind": "sanitize"]],
                  "config.mutators[1].kind", "duplicate kind 'sanitize' (already given at config.mutators[0])"),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
