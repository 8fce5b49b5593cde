import ArgumentParser
import Foundation
import TrawlRuntime

/// The options `trawl serve` and `trawl worker` share: where settings come from and the ones both processes use.
struct ServerOptions: ParsableArguments {
    @Option(help: "A server configuration file (see config/server.yaml).") var config: String?
    @Option(help: "Listen address (default 127.0.0.1).") var host: String?
    @Option(help: "Listen port (default 8022 for serve, 8023 for worker).") var port: Int?
    @Option(help: "The store: a SQLite file (default trawl.db) or postgres://USER@HOST[:PORT]/DB.") var db: String?
    @Option(help: "Runs executing at once; more wait as pending (default 4).") var maxConcurrentRuns: Int?
    @Option(help: "Cores the in-process embedding model may use (default all).") var embeddingThreads: Int?
    @Flag(help: "Let jobs fetch loopback, private, link-local and metadata addresses (tests, benchmarks, intranets).")
    var allowPrivateNetworks = false
    @Flag(help: "Listen on a non-loopback address even without API keys.") var allowRemote = false
    @Flag(name: .shortAndLong, help: "More log output (-v info, -vv debug).") var verbose: Int

    /// Settings from --config, then TRAWL_* variables, then these flags; `port` when neither file nor flag names one.
    func resolved(defaultPort: Int, apiKeys: [String] = []) throws -> ServerConfiguration {
        var settings = ServerConfiguration()
        settings.port = defaultPort
        do {
            if let config { try settings.apply(file: config) }
            try settings.apply(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CLIError(error.description)
        }
        if let host { settings.host = host }
        if let port { settings.port = port }
        if let db { settings.storePath = db }
        if let maxConcurrentRuns { settings.maxConcurrentRuns = maxConcurrentRuns }
        if let embeddingThreads { settings.embeddingThreads = embeddingThreads }
        if !apiKeys.isEmpty { settings.apiKeys = apiKeys.map(ServerConfiguration.apiKey(flag:)) }
        if allowPrivateNetworks { settings.allowPrivateNetworks = true }
        if allowRemote { settings.allowUnauthenticatedRemote = true }
        do { try settings.validate() } catch { throw ValidationError(error.description) }
        return settings
    }
}
