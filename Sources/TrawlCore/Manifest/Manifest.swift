/// A crawl manifest: a named, labelled crawl configuration, decoded once at the edge into typed values.
public struct Manifest: Sendable, Equatable {
    /// Longest name, label key and label value, so they fit list views and database indexes.
    static let maximumTextLength = 200
    /// Labels one job (and so each of its runs) may carry, and label filters one list may name. Each filter is a clause
    /// in the store's query, whose depth SQLite caps (1,000 failed as a 500), and each run copies its job's labels.
    public static let maximumLabels = 64
    /// The largest config a tenant may store, as JSON: each run keeps a copy, and searches and listings read them
    /// (about 4,000 seed URLs; a longer list belongs in a sitemap).
    public static let maximumConfigBytes = 256 << 10

    /// The crawl's name, 1…200 characters.
    public var name: String
    /// Free-form labels for finding and grouping runs.
    public var labels: [String: String]
    /// What to crawl and how.
    public var config: CrawlConfig

    /// A manifest with the given parts.
    public init(name: String, labels: [String: String] = [:], config: CrawlConfig) {
        self.name = name
        self.labels = labels
        self.config = config
    }

    /// Decodes a manifest document — `name`, `labels`, `config` — reporting every problem, each with its path.
    public init(from value: ConfigValue) throws(ManifestError) {
        var reader = ManifestReader()
        let fields = reader.fields(of: value, at: "", allowed: ["name", "labels", "config"])
        var name: String?, labels: [String: String]?, config: CrawlConfig?
        if let fields {
            name = reader.field("name", of: fields, required: true) {
                $0.string($1, at: $2, nonEmpty: true, maxLength: Manifest.maximumTextLength)
            }
            labels = reader.field("labels", of: fields, Manifest.readLabels)
            config = reader.field("config", of: fields, required: true) { CrawlConfig.read($1, at: $2, with: &$0) }
        }
        try reader.check()
        self.init(name: name ?? "", labels: labels ?? [:], config: config ?? CrawlConfig(seeds: []))
    }

    /// The whole manifest re-encoded, its config resolved (see `CrawlConfig.configValue`).
    public var configValue: ConfigValue {
        .object([("name", .string(name)), ("labels", .stringMap(labels)), ("config", config.configValue)])
    }

    /// Labels: non-empty string keys and values of at most 200 characters.
    private static func readLabels(_ reader: inout ManifestReader, _ value: ConfigValue, _ path: String) -> [String: String]? {
        if case .object(let fields) = value, fields.count > maximumLabels {
            reader.report(path, "must have at most \(maximumLabels) labels")
            return nil
        }
        return reader.stringMap(value, at: path) { key, value in
            if key.allSatisfy(\.isWhitespace) { return (true, "label keys must not be empty") }
            if key.count > maximumTextLength { return (true, "label key '\(key.prefix(20))…' must be at most 200 characters") }
            if value.allSatisfy(\.isWhitespace) { return (false, "must not be empty") }
            if value.count > maximumTextLength { return (false, "must be at most 200 characters") }
            return nil
        }
    }
}
