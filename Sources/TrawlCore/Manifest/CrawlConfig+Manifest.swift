extension CrawlConfig {
    /// The sections of a manifest's `config`, in canonical order.
    enum Section: String, CaseIterable {
        case seeds
        case stoppingCriteria = "stopping_criteria"
        case startingCriteria = "starting_criteria"
        case ranker
        case policies
        case filters
        case mutators
        case fetcher
        case speed
        case maxQueueSize = "max_queue_size"
        case pipelines
        case recrawl
    }

    /// Queues smaller than this would thrash between memory and disk.
    static let minimumMaxQueueSize = 100

    /// Decodes a manifest's `config`; every problem is reported, each named by its path under `path`.
    public init(from value: ConfigValue, path: String = "config") throws(ManifestError) {
        var reader = ManifestReader()
        let config = CrawlConfig.read(value, at: path, with: &reader)
        try reader.check()
        self = config
    }

    /// Reads a `config` object; sections that fail are reported and left at their defaults.
    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> CrawlConfig {
        var config = CrawlConfig(seeds: [])
        guard let fields = reader.fields(of: value, at: path, allowed: Section.allCases.map(\.rawValue)) else {
            return config
        }
        func section<T>(_ section: Section, _ read: (ConfigValue, String, inout ManifestReader) -> T?) -> T? {
            guard let value = fields[section.rawValue] else { return nil }
            return read(value, fields.path(section.rawValue), &reader)
        }
        if let seeds = section(.seeds, SeedSource.readAll) {
            config.seeds = seeds
        } else {
            reader.report(fields.path(Section.seeds.rawValue), "is required")
        }
        config.stopping = section(.stoppingCriteria, StoppingCriteria.read) ?? config.stopping
        config.starting = section(.startingCriteria, StartingCriteria.read) ?? config.starting
        config.ranker = section(.ranker, readRanker) ?? config.ranker
        config.robots = section(.policies, RobotsPolicy.read) ?? config.robots
        config.filters = CrawlConfig.withDefaultScope(section(.filters, URLFilterSpec.readAll) ?? [])
        config.sanitize = section(.mutators, SanitizeOptions.read) ?? config.sanitize
        config.fetcher = section(.fetcher, FetcherOptions.read) ?? config.fetcher
        config.speed = section(.speed, SpeedOptions.read) ?? config.speed
        config.maxQueueSize = section(.maxQueueSize) { value, path, reader in
            reader.int(value, at: path, in: minimumMaxQueueSize...Int.max)
        } ?? config.maxQueueSize
        config.pipeline = section(.pipelines, PipelineOptions.read) ?? config.pipeline
        config.recrawl = section(.recrawl, RecrawlPolicy.read) ?? config.recrawl
        return config
    }

    /// The resolved config: every section present, every default filled in, each component in canonical
    /// `{kind, params}` shape. Decoding it again gives an equal `CrawlConfig`.
    public var configValue: ConfigValue {
        .object([
            (Section.seeds.rawValue, .array(seeds.map(\.configValue))),
            (Section.stoppingCriteria.rawValue, stopping.configValue),
            (Section.startingCriteria.rawValue, starting.configValue),
            (Section.ranker.rawValue, .component(ranker.rawValue)),
            (Section.policies.rawValue, robots.configValue),
            (Section.filters.rawValue, .array(filters.map(\.configValue))),
            (Section.mutators.rawValue, sanitize.configValue),
            (Section.fetcher.rawValue, fetcher.configValue),
            (Section.speed.rawValue, speed.configValue),
            (Section.maxQueueSize.rawValue, .int(maxQueueSize)),
            (Section.pipelines.rawValue, pipeline.configValue),
            (Section.recrawl.rawValue, recrawl.configValue),
        ])
    }

    /// A ranker component, `{kind: breadth}` or `{kind: depth}`, which takes no params.
    private static func readRanker(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> Ranker? {
        guard let component = reader.component(value, at: path, of: Ranker.self),
              reader.fields(of: component.params, at: component.paramsPath, allowed: []) != nil
        else { return nil }
        return component.kind
    }
}
