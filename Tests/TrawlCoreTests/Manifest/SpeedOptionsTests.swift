import Testing
import TrawlCore

@Suite struct SpeedOptionsTests {
    @Test func decodesEveryParameter() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("speed", ["kind": "fixed", "params": [
            "concurrency": 16, "per_host_concurrency": 4, "delay": "250ms", "delay_factor": 1.5, "max_delay": "10s",
        ]]))
        #expect(config.speed == SpeedOptions(
            concurrency: 16, perHostConcurrency: 4, delay: .milliseconds(250), delayFactor: 1.5, maxDelay: .seconds(10)))
    }

    @Test func defaults() throws {
        let expected = SpeedOptions(concurrency: 64, perHostConcurrency: 2, delay: .seconds(1), delayFactor: 2.0, maxDelay: .seconds(30))
        #expect(try CrawlConfig(from: ManifestFixture.minimal).speed == expected)
        #expect(try CrawlConfig(from: ManifestFixture.with("speed", ["kind": "fixed", "params": [:]])).speed == expected)
    }

    @Test func defaultsBendToWhatIsGiven() throws {
        let speed = try CrawlConfig(from: ManifestFixture.with("speed", ["kind": "fixed", "params": ["concurrency": 1, "delay": "1m"]])).speed
        #expect(speed.perHostConcurrency == 1)
        #expect(speed.maxDelay == .seconds(60))
    }

    @Test func acceptsAnIntegerFactorAndNoDelay() throws {
        let speed = try CrawlConfig(from: ManifestFixture.with("speed", ["kind": "fixed", "params": ["delay_factor": 0, "delay": 0]])).speed
        #expect(speed.delayFactor == 0)
        #expect(speed.delay == .zero)
    }

    static func speed(_ params: ConfigValue) -> ConfigValue { ["kind": "fixed", "params": params] }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase("speed", ["kind": "adaptive"], "config.speed.kind", "unknown kind 'adaptive'; expected one of fixed"),
        ManifestIssueCase("speed", speed(["concurrency": 0]), "config.speed.params.concurrency", "must be between 1 and 10000"),
        ManifestIssueCase("speed", speed(["concurrency": 10_001]), "config.speed.params.concurrency", "must be between 1 and 10000"),
        ManifestIssueCase("speed", speed(["concurrency": "64"]), "config.speed.params.concurrency", "expected an integer"),
        ManifestIssueCase("speed", speed(["concurrency": 8, "per_host_concurrency": 9]), "config.speed.params.per_host_concurrency",
                  "must be between 1 and concurrency (8)"),
        ManifestIssueCase("speed", speed(["per_host_concurrency": 0]), "config.speed.params.per_host_concurrency",
                  "must be between 1 and concurrency (64)"),
        ManifestIssueCase(config: ManifestFixture.with("speed", speed(["concurrency": 0, "per_host_concurrency": 65])), issues: [
            .init(path: "config.speed.params.concurrency", message: "must be between 1 and 10000"),
            .init(path: "config.speed.params.per_host_concurrency", message: "must be between 1 and concurrency (64)"),
        ]),
        ManifestIssueCase("speed", speed(["delay": -1]), "config.speed.params.delay", "must not be negative"),
        ManifestIssueCase("speed", speed(["delay": "1 second"]), "config.speed.params.delay", "expected a duration such as 30s, 10m or 6h"),
        ManifestIssueCase("speed", speed(["delay_factor": "2x"]), "config.speed.params.delay_factor", "expected a number"),
        ManifestIssueCase("speed", speed(["delay_factor": -0.5]), "config.speed.params.delay_factor", "must not be negative"),
        ManifestIssueCase("speed", speed(["delay_factor": .double(.infinity)]), "config.speed.params.delay_factor", "expected a number"),
        // A factor this large made the delay's `Duration` arithmetic trap after the first fetch, in every restart too.
        ManifestIssueCase("speed", speed(["delay_factor": 1e24]), "config.speed.params.delay_factor", "must be at most 1000"),
        // Durations become dates and delays: Int64's seconds were accepted and later trapped in date arithmetic.
        ManifestIssueCase("speed", speed(["delay": .int(.max)]), "config.speed.params.delay", "must be at most 100 years"),
        ManifestIssueCase("speed", speed(["max_delay": "36600d"]), "config.speed.params.max_delay", "must be at most 100 years"),
        ManifestIssueCase("speed", speed(["max_delay": 0]), "config.speed.params.max_delay", "must be greater than 0"),
        ManifestIssueCase("speed", speed(["delay": "5s", "max_delay": "2s"]), "config.speed.params.max_delay", "must be at least delay (5s)"),
        ManifestIssueCase("speed", speed(["concurency": 4]), "config.speed.params", "unknown field 'concurency' (did you mean 'concurrency'?)"),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
