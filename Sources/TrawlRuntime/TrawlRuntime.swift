import Foundation
import Logging
import Prometheus
import TrawlCore
import TrawlExport
import TrawlFetch
import TrawlHTML
import TrawlEmbed
import TrawlPostgres
import TrawlStore

/// The one composition root: builds the live object graph (store, fetcher, parsers, engines) from typed
/// configuration. The CLI and the server both start here; nothing else constructs adapters.
public final class TrawlRuntime: Sendable {
    /// Typed configuration for the runtime.
    public struct Configuration: Sendable {
        /// Where the store is: a SQLite file path, `sqlite:PATH` or a `postgres://` URL (`StoreLocation`; other
        /// schemes are refused).
        public var storePath: String
        /// The tenant runs belong to when none is given.
        public var defaultTenant: String = "default"
        /// Knobs of the crawl loop.
        public var tuning: EngineTuning = EngineTuning()
        /// Runs executing at once in this process; more wait as `pending`.
        public var maxConcurrentRuns = 4
        /// Where the MiniLM model lives; nil to look where `scripts/fetch-model` puts it (or `$TRAWL_MODEL_DIR`).
        public var modelDirectory: String?
        /// Cores embedding may use.
        public var embeddingThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// Knobs of the document pipeline.
        public var pipelineTuning = PipelineTuning()
        /// How long a claim on a run outlives its last renewal (`RunClaimKeeper`): how soon another process picks up
        /// the runs of one that died.
        public var runClaimLease: Duration = .seconds(10)
        /// How often claims are renewed and control requests from other processes collected.
        public var runClaimBeat: Duration = .milliseconds(250)
        /// How often a server looks for runs and pipelines nobody executes (left by a process that died).
        public var recoverySweep: Duration = .seconds(5)
        /// Embedding services manifests may pick by name.
        public var embeddingProviders: [EmbeddingProvider] = []
        /// Whether manifests may name environment variables as embedding keys: true where the operator writes them
        /// (`trawl crawl`), false on the server, where tenants do.
        public var manifestsMayNameEnvironmentKeys = true
        /// What this process does among those sharing the store: whether it executes runs, and how it is listed.
        public var role: WorkerRole = .serve
        /// Where this process serves HTTP, as the worker list shows it.
        public var listenAddress: String?
        /// How often this process announces itself in the store's worker list.
        public var heartbeatInterval: Duration = .seconds(2)
        /// Whether runs this process executes may be crawled by other processes too, and whether it joins theirs (on a
        /// store that can share runs: PostgreSQL). Each process then crawls the origins it leases.
        public var shareRuns = false
        /// What each tenant may hold and have under way (the server's; none for the CLI).
        public var tenantLimits = TenantLimits()
        /// How long `/metrics` reuses its count of runs and frontier rows: scrapes (unauthenticated) cost the store
        /// one count per period.
        public var statisticsFreshness: Duration = .seconds(5)

        /// A configuration with the store at `storePath`.
        public init(storePath: String) { self.storePath = storePath }
    }

    public let configuration: Configuration
    public let store: any CrawlStore
    /// Where `store` is, as messages may show it.
    public let storeLocation: StoreLocation
    public let fetcher: CurlFetcher
    public let logger: Logger
    /// The metrics registry the crawl counters go to; `trawl serve` exports it at `/metrics`.
    public let metrics = PrometheusCollectorRegistry()
    private let crawlMetrics: PrometheusCrawlMetrics
    /// This process's claims on the runs it executes.
    public let claims: RunClaimKeeper
    private let htmlParser = LibXMLHTMLParser()
    private let sitemapParser = LibXMLSitemapParser()
    private let extractor = LibXMLContentExtractor()
    /// The embedding models, loaded on first use.
    public let embedders: any EmbedderProviding

    /// Opens the store (SQLite or PostgreSQL, as `configuration.storePath` says) and starts the fetcher; `embedders`
    /// replaces the models from the model folder (tests).
    public static func open(configuration: Configuration, logger: Logger,
                            embedders: (any EmbedderProviding)? = nil) async throws(StoreError) -> TrawlRuntime {
        let location = try StoreLocation(parsing: configuration.storePath)
        let store: any CrawlStore = switch location {
        case .sqlite(let path): try SQLiteStore(path: path)
        case .postgres(let postgres): try await PostgresStore.open(postgres, logger: logger)
        }
        return TrawlRuntime(configuration: configuration, store: store, location: location, logger: logger,
                            embedders: embedders)
    }

    private init(configuration: Configuration, store: any CrawlStore, location: StoreLocation, logger: Logger,
                 embedders: (any EmbedderProviding)?) {
        self.configuration = configuration
        self.logger = logger
        self.store = store
        storeLocation = location
        claims = RunClaimKeeper(store: store, lease: configuration.runClaimLease, beat: configuration.runClaimBeat,
                                logger: logger)
        fetcher = CurlFetcher()
        crawlMetrics = PrometheusCrawlMetrics(registry: metrics, worker: claims.executor, role: configuration.role)
        self.embedders = embedders ?? ModelEmbedderProvider(
            modelDirectory: configuration.modelDirectory, threads: configuration.embeddingThreads,
            addressPolicy: configuration.tuning.addressPolicy, providers: configuration.embeddingProviders,
            allowsEnvironmentKeys: configuration.manifestsMayNameEnvironmentKeys, fetcher: fetcher, logger: logger)
    }

    /// The dependencies every engine of this runtime shares.
    public var dependencies: CrawlDependencies {
        CrawlDependencies(fetcher: fetcher, htmlParser: htmlParser, sitemapParser: sitemapParser, store: store,
                          logger: logger, metrics: crawlMetrics)
    }

    /// Stores `manifest` as a new job and creates its first (pending) run.
    public func createJobAndRun(_ manifest: Manifest, tenantID: String? = nil) async throws(StoreError) -> (Job, Run) {
        let now = Timestamp.now()
        let job = Job(tenantID: tenantID ?? configuration.defaultTenant, name: manifest.name, labels: manifest.labels,
                      config: manifest.config, createdAt: now, updatedAt: now)
        try await store.insertJob(job)
        let run = Run(job: job, createdAt: now)
        try await store.insertRun(run)
        return (job, run)
    }

    /// A new run of the stored job `jobID` (the CLI's tenant's), admitted by the job's starting criteria like any
    /// other start; nil when there is no such job. A job's later runs re-crawl what its earlier ones fetched (its
    /// `recrawl` component says how).
    public func createRun(of jobID: JobID, tenantID: String? = nil) async throws(StoreError) -> RunCreation {
        guard let job = try await store.job(jobID, tenantID: tenantID ?? configuration.defaultTenant) else { return .noSuchJob }
        let run = Run(job: job, createdAt: Timestamp.now())
        if let refusal = try await store.admitRun(run, newJob: nil, under: job.config.starting.exclusive) {
            return .refused(refusal)
        }
        return .created(run)
    }

    /// What came of asking for a run of a stored job.
    public enum RunCreation: Sendable {
        case created(Run)
        /// A starting criterion's group is full; nothing was created.
        case refused(ExclusiveRefusal)
        case noSuchJob
    }

    /// An engine that starts `run` (pending) or resumes it (running after a crash, or paused). With `shareRuns`, other
    /// processes may join it.
    public func engine(for run: Run) -> CrawlEngine {
        CrawlEngine(run: run, dependencies: dependencies, tuning: configuration.tuning,
                    share: configuration.shareRuns ? CrawlShare(runID: run.id, executor: claims.executor, isLead: true) : nil)
    }

    /// An engine that joins `run`, a shared run another process leads, for the origins it can lease; nil when this
    /// process does not share runs or the store cannot.
    public func joiningEngine(for run: Run) -> CrawlEngine? {
        guard configuration.shareRuns, dependencies.sharedStore != nil else { return nil }
        return CrawlEngine(run: run, dependencies: dependencies, tuning: configuration.tuning,
                           share: CrawlShare(runID: run.id, executor: claims.executor, isLead: false))
    }

    /// A manager for the runs this process executes (the server's; the CLI runs one engine directly).
    public func makeRunManager() -> RunManager {
        let sharing = configuration.shareRuns ? dependencies.sharedStore.map { store in
            RunManager.Sharing(store: store) { [self] run in joiningEngine(for: run) }
        } : nil
        return RunManager(store: store, claims: claims,
                          maxConcurrentRuns: configuration.role.executesRuns ? configuration.maxConcurrentRuns : 0,
                          sharing: sharing, logger: logger) { [self] run in
            engine(for: run)
        }
    }

    /// The server's service: a run manager for this process's runs and a trigger scheduler that starts runs through
    /// the same admission (starting criteria) as clients do, and hears about every finished run.
    /// Call `start()` to recover runs and fire triggers.
    public func makeService() async -> TrawlService {
        let runs = makeRunManager()
        let starter = RunStarter(store: store, runs: runs, limits: configuration.tenantLimits)
        let scheduler = TriggerScheduler(store: store, starter: starter, logger: logger)
        let pipelines = makePipelineManager()
        await runs.observeFinishes { run in await scheduler.runFinished(run) }
        await runs.observeLaunches { run in await pipelines.start(run) }
        await runs.observeEnds { run in await pipelines.crawlEnded(run) }
        await claims.observe(requests: { id, request in await runs.handle(request, for: id) },
                             losses: { id in
                                 // Another process executes it now: neither its crawl nor its pipeline goes on here.
                                 await runs.claimLost(id)
                                 await pipelines.stop(id)
                             })
        let searcher = SearchService(store: store, vectors: pipelines.vectors, embedders: embedders,
                                     catchUp: pipelines.catchUp)
        let policy = TenantManifestPolicy(providerNames: Set(configuration.embeddingProviders.map(\.name)),
                                          allowsEnvironmentKeys: configuration.manifestsMayNameEnvironmentKeys)
        let heartbeat = WorkerHeartbeat(registry: store, record: workerRecord, interval: configuration.heartbeatInterval,
                                        lease: configuration.runClaimLease, logger: logger)
        return TrawlService(store: store, runs: runs, scheduler: scheduler, pipelines: pipelines, starter: starter,
                            searcher: searcher, policy: policy, heartbeat: heartbeat,
                            recoverySweep: configuration.recoverySweep, claimLease: configuration.runClaimLease,
                            helpsOtherPipelines: configuration.shareRuns, exporter: exporter,
                            limits: configuration.tenantLimits, statisticsFreshness: configuration.statisticsFreshness)
    }

    /// How this process appears in the store's worker list.
    private var workerRecord: WorkerRecord {
        let now = Date()
        return WorkerRecord(id: claims.executor, role: configuration.role,
                            host: String(ProcessInfo.processInfo.hostName.prefix(255)),
                            pid: Int(ProcessInfo.processInfo.processIdentifier), listen: configuration.listenAddress,
                            maxConcurrentRuns: configuration.role.executesRuns ? configuration.maxConcurrentRuns : 0,
                            startedAt: now, heartbeatAt: now)
    }

    /// A manager for document pipelines (the CLI runs one beside its crawl; the server one per run).
    public func makePipelineManager() -> PipelineManager {
        PipelineManager(store: store, claims: claims, extractor: extractor, embedders: embedders, vectors: VectorIndex(),
                        contentHash: { PayloadDigest.sha256(Array($0.utf8)) }, tuning: configuration.pipelineTuning,
                        logger: logger)
    }

    /// Reads runs' pages back out in export formats.
    public var exporter: RunExporter { RunExporter(store: store, parser: htmlParser) }

    /// Reads runs' chunks back out (with their vectors, if asked) as JSONL.
    public var chunkExporter: ChunkExporter { ChunkExporter(store: store) }

    /// all-MiniLM-L6-v2 from `modelDirectory` (or where `scripts/fetch-model` puts it), for `trawl embed`, which opens
    /// no store.
    public static func miniLMEmbedder(modelDirectory: String?, threads: Int) throws(EmbedError) -> MiniLMEmbedder {
        var folder = modelDirectory ?? ""
        if modelDirectory == nil { folder = try ModelLocation.resolve() }
        return try MiniLMEmbedder(modelDirectory: folder, threads: threads)
    }

    /// An embedder for an OpenAI-compatible service with a fetcher of its own, for `trawl embed`, which opens no
    /// store.
    public static func openAIEmbedder(_ configuration: OpenAIEmbedderConfiguration, logger: Logger) async
        throws(EmbedError) -> OpenAIEmbedder {
        try await OpenAIEmbedder.connect(configuration: configuration, fetcher: CurlFetcher(), logger: logger)
    }

    /// The product string written into WARC files and logs.
    public static let software = "Trawl/0.1 (libcurl \(CurlFetcher.libcurlVersion))"
}
