import ArgumentParser
import TrawlAPI
import TrawlCore
import TrawlRuntime

/// `trawl serve`: the HTTP API and, unless `--no-execute`, the crawl runtime in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the jobs and runs API (default 127.0.0.1:8022) and execute runs.",
        discussion: """
            Settings come from --config FILE, then TRAWL_* environment variables, then these flags. With \
            --no-execute the process is an API node only: runs it creates wait for `trawl worker` processes on the \
            same store (PostgreSQL) to execute them.
            """)

    @OptionGroup var options: ServerOptions
    @Option(name: .customLong("api-key"), help: "An API key, TOKEN or TOKEN:tenant1+tenant2; repeatable.")
    var apiKeys: [String] = []
    @Flag(help: "Serve the API only; leave runs to `trawl worker` processes sharing the store.") var noExecute = false
    @Flag(help: "Let `trawl worker` processes on the same PostgreSQL store crawl the runs executed here, origin by origin.")
    var shareRuns = false

    func run() async throws {
        let settings = try resolvedSettings()
        let launcher = ServerLauncher(settings: settings, role: noExecute ? .api : .serve, verbose: options.verbose,
                                      shareRuns: shareRuns)
        try await launcher.run { service, runtime, logger in
            var api = APIConfiguration()
            api.defaultTenant = settings.defaultTenant
            api.maxBodyBytes = settings.maxBodyBytes
            api.apiKeys = settings.apiKeys.map { APIKey(token: $0.token, tenants: $0.tenants) }
            api.metrics = runtime.metrics
            api.allowedHosts = settings.acceptedHostNames
            api.bodyTimeout = settings.bodyTimeout
            api.parseManifest = { text in try ManifestLoader.configValue(untrustedYAML: text) }
            return buildRouter(service: service, configuration: api, logger: logger)
        }
    }

    func resolvedSettings() throws -> ServerConfiguration {
        try options.resolved(defaultPort: 8022, apiKeys: apiKeys)
    }
}
