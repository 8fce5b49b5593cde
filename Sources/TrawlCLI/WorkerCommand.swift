import ArgumentParser
import TrawlAPI
import TrawlCore
import TrawlRuntime

/// `trawl worker`: executes runs and their pipelines from a store shared with API nodes, and serves only `/healthz`
/// and `/metrics`.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Execute runs from a shared store; serve only /healthz and /metrics (default 127.0.0.1:8023).",
        discussion: """
            Start any number of workers on a store shared with `trawl serve --no-execute` API nodes (PostgreSQL). \
            Each picks up pending runs within --pickup-interval, takes over the runs of a worker that died once its \
            claims expire, and leaves the worker list when stopped with SIGINT or SIGTERM (its runs then resume in \
            another worker). Settings come from --config FILE, then TRAWL_* environment variables, then these flags.
            """)

    @OptionGroup var options: ServerOptions
    @Option(help: "Seconds between looks for runs to pick up (default 1).") var pickupInterval: Double = 1
    @Flag(inversion: .prefixedNo, help: """
        Crawl runs together with the other workers, each leasing origins of a run (PostgreSQL);         with --no-share-runs a run is crawled by one worker at a time.
        """)
    var shareRuns = true

    func validate() throws {
        guard (0.05...60).contains(pickupInterval) else {
            throw ValidationError("--pickup-interval must be between 0.05 and 60 seconds")
        }
    }

    func run() async throws {
        let settings = try options.resolved(defaultPort: 8023)
        let launcher = ServerLauncher(settings: settings, role: .worker, verbose: options.verbose,
                                      recoverySweep: .milliseconds(Int(pickupInterval * 1_000)), shareRuns: shareRuns)
        try await launcher.run { service, runtime, logger in
            buildProbeRouter(service: service, metrics: runtime.metrics, allowedHosts: settings.acceptedHostNames,
                             logger: logger)
        }
    }
}
