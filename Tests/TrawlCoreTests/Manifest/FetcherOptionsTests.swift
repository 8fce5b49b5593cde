import Testing
import TrawlCore

@Suite struct FetcherOptionsTests {
    @Test func decodesEveryParameter() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("fetcher", ["kind": "http", "params": [
            "user_agent": "ExampleBot/2.0 (+https://example.com/bot)", "headers": ["Accept-Language": "en", "X-Trace": "1"],
            "timeout": "1m", "connect_timeout": 5, "max_redirects": 0, "max_retries": 20, "max_body_bytes": "512KiB",
        ]]))
        #expect(config.fetcher == FetcherOptions(
            userAgent: "ExampleBot/2.0 (+https://example.com/bot)", headers: ["Accept-Language": "en", "X-Trace": "1"],
            timeout: .seconds(60), connectTimeout: .seconds(5), maxRedirects: 0, maxRetries: 20, maxBodyBytes: 524_288))
        #expect(config.fetcher.productToken == "ExampleBot")
    }

    @Test func defaults() throws {
        let fetcher = try CrawlConfig(from: ManifestFixture.with("fetcher", ["kind": "http"])).fetcher
        #expect(fetcher.userAgent == "Trawl/0.1 (+https://github.com/trawl)")
        #expect(fetcher.productToken == "Trawl")
        #expect(fetcher.headers.isEmpty)
        #expect(fetcher.timeout == .seconds(30))
        #expect(fetcher.connectTimeout == .seconds(10))
        #expect(fetcher.maxRedirects == 10)
        #expect(fetcher.maxRetries == 2)
        #expect(fetcher.maxBodyBytes == 10_485_760)
        #expect(try CrawlConfig(from: ManifestFixture.minimal).fetcher == fetcher)
    }

    @Test(arguments: [("Trawl/0.1", "Trawl"), ("my_crawler-x/1", "my_crawler-x"), ("Bot", "Bot"), ("42bot", "")])
    func derivesTheProductToken(userAgent: String, token: String) {
        #expect(FetcherOptions(userAgent: userAgent).productToken == token)
    }

    static func fetcher(_ params: ConfigValue) -> ConfigValue { ["kind": "http", "params": params] }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase("fetcher", [["kind": "http"]], "config.fetcher", "expected an object"),
        ManifestIssueCase("fetcher", ["kind": "curl"], "config.fetcher.kind", "unknown kind 'curl'; expected one of http"),
        ManifestIssueCase("fetcher", fetcher(["user_agent": 7]), "config.fetcher.params.user_agent", "expected a string"),
        ManifestIssueCase("fetcher", fetcher(["user_agent": " "]), "config.fetcher.params.user_agent", "must not be empty"),
        ManifestIssueCase("fetcher", fetcher(["user_agent": "1bot/1.0"]), "config.fetcher.params.user_agent",
                  "must start with a product name such as MyBot/1.0"),
        ManifestIssueCase("fetcher", fetcher(["user_agent": "Bot/1.0\r\nX-Evil: 1"]), "config.fetcher.params.user_agent",
                  "must not contain line breaks or control characters"),
        ManifestIssueCase("fetcher", fetcher(["headers": ["Accept", "en"]]), "config.fetcher.params.headers", "expected an object"),
        ManifestIssueCase("fetcher", fetcher(["headers": ["Accept": 1]]), "config.fetcher.params.headers.Accept", "expected a string"),
        ManifestIssueCase("fetcher", fetcher(["headers": ["Bad Header": "x"]]), "config.fetcher.params.headers",
                  "'Bad Header' is not a valid header name"),
        ManifestIssueCase("fetcher", fetcher(["headers": ["user-agent": "x"]]), "config.fetcher.params.headers",
                  "set the user agent with user_agent, not in headers"),
        ManifestIssueCase("fetcher", fetcher(["headers": ["Accept": "a", "accept": "b"]]), "config.fetcher.params.headers",
                  "header 'accept' is given twice (header names ignore case)"),
        ManifestIssueCase("fetcher", fetcher(["headers": ["X-A": "a\nb"]]), "config.fetcher.params.headers.X-A",
                  "must not contain line breaks or control characters"),
        ManifestIssueCase("fetcher", fetcher(["timeout": "forever"]), "config.fetcher.params.timeout", "expected a duration such as 30s, 10m or 6h"),
        ManifestIssueCase("fetcher", fetcher(["timeout": "0s"]), "config.fetcher.params.timeout", "must be greater than 0"),
        ManifestIssueCase("fetcher", fetcher(["connect_timeout": 0]), "config.fetcher.params.connect_timeout", "must be greater than 0"),
        ManifestIssueCase("fetcher", fetcher(["max_redirects": 51]), "config.fetcher.params.max_redirects", "must be between 0 and 50"),
        ManifestIssueCase("fetcher", fetcher(["max_redirects": -1]), "config.fetcher.params.max_redirects", "must be between 0 and 50"),
        ManifestIssueCase("fetcher", fetcher(["max_retries": 21]), "config.fetcher.params.max_retries", "must be between 0 and 20"),
        ManifestIssueCase("fetcher", fetcher(["max_retries": "2"]), "config.fetcher.params.max_retries", "expected an integer"),
        ManifestIssueCase("fetcher", fetcher(["max_body_bytes": 1_023]), "config.fetcher.params.max_body_bytes", "must be between 1KiB and 128MiB"),
        ManifestIssueCase("fetcher", fetcher(["timeout": "1d"]), "config.fetcher.params.timeout", "must be at most 10m"),
        // The one limit from manifest to store: 1 GiB was once accepted and crash-looped the server in SQLite.
        ManifestIssueCase("fetcher", fetcher(["max_body_bytes": "1GiB"]), "config.fetcher.params.max_body_bytes", "must be between 1KiB and 128MiB"),
        ManifestIssueCase("fetcher", fetcher(["max_body_bytes": 134_217_729]), "config.fetcher.params.max_body_bytes", "must be between 1KiB and 128MiB"),
        ManifestIssueCase("fetcher", fetcher(["max_body_bytes": "lots"]), "config.fetcher.params.max_body_bytes",
                  "expected a size such as 10MiB, 512KiB or 1048576"),
        ManifestIssueCase("fetcher", fetcher(["max_body_byte": 2_048]), "config.fetcher.params",
                  "unknown field 'max_body_byte' (did you mean 'max_body_bytes'?)"),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
