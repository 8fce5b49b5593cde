import Testing
import TrawlCore

@Suite struct SeedSourceTests {
    @Test func decodesStaticListsAndSitemaps() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("seeds", [
            ["kind": "static_list", "params": ["urls": [" https://example.com/ ", "HTTP://Example.com/a"]]],
            ["kind": "sitemap", "params": ["urls": ["https://example.com/sitemap.xml"], "limit": 5_000]],
            ["kind": "sitemap", "params": ["urls": ["https://example.org/sitemap.xml"]]],
        ]))
        #expect(config.seeds == [
            .staticList(urls: ["https://example.com/", "HTTP://Example.com/a"]),
            .sitemap(urls: ["https://example.com/sitemap.xml"], limit: 5_000),
            .sitemap(urls: ["https://example.org/sitemap.xml"], limit: nil),
        ])
        #expect(config.seeds[1].urls == ["https://example.com/sitemap.xml"])
    }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase(config: [:], issues: [.init(path: "config.seeds", message: "is required")]),
        ManifestIssueCase("seeds", [], "config.seeds", "at least one seed source is required"),
        ManifestIssueCase("seeds", "https://example.com/", "config.seeds", "expected a list"),
        ManifestIssueCase("seeds", ["https://example.com/"], "config.seeds[0]", "expected an object"),
        ManifestIssueCase("seeds", [["kind": "static_lst", "params": ["urls": ["https://a.example/"]]]],
                  "config.seeds[0].kind", "unknown kind 'static_lst' (did you mean 'static_list'?)"),
        ManifestIssueCase("seeds", [["kind": "rss"]], "config.seeds[0].kind", "unknown kind 'rss'; expected one of static_list, sitemap"),
        ManifestIssueCase("seeds", [["kind": "static_list"]], "config.seeds[0].params.urls", "is required"),
        ManifestIssueCase("seeds", [["kind": "static_list", "params": ["urls": []]]], "config.seeds[0].params.urls", "must not be empty"),
        ManifestIssueCase("seeds", [["kind": "static_list", "params": ["urls": "https://a.example/"]]],
                  "config.seeds[0].params.urls", "expected a list"),
        ManifestIssueCase("seeds", [["kind": "static_list", "params": ["urls": ["https://a.example/", 3]]]],
                  "config.seeds[0].params.urls[1]", "expected a string"),
        ManifestIssueCase("seeds", [["kind": "static_list", "params": ["urls": ["ftp://a.example/"]]]],
                  "config.seeds[0].params.urls[0]", "'ftp://a.example/' is not an http:// or https:// URL"),
        ManifestIssueCase("seeds", [["kind": "static_list", "params": ["urls": ["https://"]]]],
                  "config.seeds[0].params.urls[0]", "'https://' is not an http:// or https:// URL"),
        ManifestIssueCase("seeds", [["kind": "static_list", "params": ["urls": ["https://a.example/a b"]]]],
                  "config.seeds[0].params.urls[0]", "'https://a.example/a b' must not contain spaces"),
        ManifestIssueCase("seeds", [["kind": "sitemap", "params": ["urls": ["https://a.example/s.xml"], "limit": 0]]],
                  "config.seeds[0].params.limit", "must be between 1 and 1000000"),
        // Every URL taken is held in memory and written in the run's first batch.
        ManifestIssueCase("seeds", [["kind": "sitemap", "params": ["urls": ["https://a.example/s.xml"], "limit": 1_000_000_000_000]]],
                  "config.seeds[0].params.limit", "must be between 1 and 1000000"),
        ManifestIssueCase("seeds", [["kind": "sitemap", "params": ["urls": ["https://a.example/s.xml"], "limit": "10"]]],
                  "config.seeds[0].params.limit", "expected an integer"),
        ManifestIssueCase("seeds", [["kind": "sitemap", "params": ["urls": ["https://a.example/s.xml"], "limits": 10]]],
                  "config.seeds[0].params", "unknown field 'limits' (did you mean 'limit'?)"),
        ManifestIssueCase("seeds", [["kind": "static_list", "params": ["urls": ["https://a.example/"]]], ["kind": "sitemap"]],
                  "config.seeds[1].params.urls", "is required"),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
