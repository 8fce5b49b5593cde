import Testing
import TrawlCore

/// Builds small `config` values around one valid seed, so each test states only what it is about.
enum ManifestFixture {
    /// One static seed, nothing else.
    static let seeds: ConfigValue = [["kind": "static_list", "params": ["urls": ["https://example.com/"]]]]

    /// The smallest valid config.
    static let minimal: ConfigValue = ["seeds": seeds]

    /// The minimal config with `section` set to `value` (replacing seeds when `section` is "seeds").
    static func with(_ section: String, _ value: ConfigValue) -> ConfigValue {
        section == "seeds" ? ["seeds": value] : .object([("seeds", seeds), (section, value)])
    }

    /// The issues decoding `value` as a config reports; empty when it decodes.
    static func issues(of value: ConfigValue) -> [ManifestError.Issue] {
        do {
            _ = try CrawlConfig(from: value)
            return []
        } catch {
            return error.issues
        }
    }
}
