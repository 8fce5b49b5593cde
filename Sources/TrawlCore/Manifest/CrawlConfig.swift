/// A crawl's typed configuration: what a manifest's `config` decodes to, every default filled in.
public struct CrawlConfig: Sendable, Equatable {
    /// The in-memory frontier cap used when a manifest sets none.
    public static let defaultMaxQueueSize = 100_000

    /// Where the first URLs come from; never empty in a decoded config.
    public var seeds: [SeedSource]
    /// When the run stops.
    public var stopping: StoppingCriteria
    /// When a run may start.
    public var starting: StartingCriteria
    /// The order URLs are fetched in.
    public var ranker: Ranker
    /// How robots.txt is treated.
    public var robots: RobotsPolicy
    /// Filters discovered URLs must pass, in manifest order; always includes a scope filter.
    public var filters: [URLFilterSpec]
    /// How discovered URLs are rewritten.
    public var sanitize: SanitizeOptions
    /// How pages are fetched.
    public var fetcher: FetcherOptions
    /// How fast the crawl goes.
    public var speed: SpeedOptions
    /// URLs kept in memory by the frontier; the rest wait on disk.
    public var maxQueueSize: Int
    /// What happens to fetched pages: extraction, chunking, embedding, indexing.
    public var pipeline: PipelineOptions
    /// How later runs of the job treat what the previous run fetched.
    public var recrawl: RecrawlPolicy

    /// A configuration with defaults for everything not given.
    ///
    /// Like a manifest, a configuration without a scope filter gets `.scope(.host)` appended, so a crawl stays
    /// on its seeds' hosts unless told otherwise.
    public init(
        seeds: [SeedSource], stopping: StoppingCriteria = StoppingCriteria(),
        starting: StartingCriteria = StartingCriteria(), ranker: Ranker = .breadth,
        robots: RobotsPolicy = RobotsPolicy(), filters: [URLFilterSpec] = [], sanitize: SanitizeOptions = SanitizeOptions(),
        fetcher: FetcherOptions = FetcherOptions(), speed: SpeedOptions = SpeedOptions(),
        maxQueueSize: Int = CrawlConfig.defaultMaxQueueSize, pipeline: PipelineOptions = PipelineOptions(),
        recrawl: RecrawlPolicy = RecrawlPolicy()
    ) {
        self.seeds = seeds
        self.stopping = stopping
        self.starting = starting
        self.ranker = ranker
        self.robots = robots
        self.filters = CrawlConfig.withDefaultScope(filters)
        self.sanitize = sanitize
        self.fetcher = fetcher
        self.speed = speed
        self.maxQueueSize = maxQueueSize
        self.pipeline = pipeline
        self.recrawl = recrawl
    }

    /// `filters`, with `.scope(.host)` appended when none of them is a scope filter.
    static func withDefaultScope(_ filters: [URLFilterSpec]) -> [URLFilterSpec] {
        let hasScope = filters.contains { if case .scope = $0 { true } else { false } }
        return hasScope ? filters : filters + [.scope(.host)]
    }
}
