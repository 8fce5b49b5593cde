import Testing
import TrawlCore

/// A config expected to fail with exactly these issues, for parameterised tests.
struct ManifestIssueCase: Sendable, CustomTestStringConvertible {
    var config: ConfigValue
    var issues: [ManifestError.Issue]

    /// A case whose config has `section` set to `value`, failing with one issue.
    init(_ section: String, _ value: ConfigValue, _ path: String, _ message: String) {
        self.init(config: ManifestFixture.with(section, value), issues: [.init(path: path, message: message)])
    }

    init(config: ConfigValue, issues: [ManifestError.Issue]) {
        self.config = config
        self.issues = issues
    }

    var testDescription: String { issues.map(\.description).joined(separator: " | ") }
}
