import ArgumentParser
import Foundation
import Hummingbird
import struct HummingbirdCore.MaximumAvailableConnections
import Logging
import TrawlAPI
import TrawlCore
import TrawlRuntime

/// `trawl serve`: the HTTP API and the crawl runtime in one process, on the embedded store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the jobs and runs API (default 127.0.0.1:8022) and execute runs.",
        discussion: "Settings come from --config FILE, then TRAWL_* environment variables, then these flags.")

    @Option(help: "A server configuration file (see config/server.yaml).") var config: String?
    @Option(help: "Listen address (default 127.0.0.1).") var host: String?
    @Option(help: "Listen port (default 8022).") var port: Int?
    @Option(help: "The embedded store (default trawl.db).") var db: String?
    @Option(help: "Runs executing at once; more wait as pending (default 4).") var maxConcurrentRuns: Int?
    @Option(name: .customLong("api-key"), help: "An API key, TOKEN or TOKEN:tenant1+tenant2; repeatable.")
    var apiKeys: [String] = []
    @Flag(help: "Let jobs fetch loopback, private, link-local and metadata addresses (tests, benchmarks, intranets).")
    var allowPrivateNetworks = false
    @Flag(help: "Listen on a non-loopback address even without API keys.") var allowRemote = false
    @Flag(name: .shortAndLong, help: "More log output (-v info, -vv debug).") var verbose: Int

    func run() async throws {
        ProcessTuning.apply()
        let settings = try resolvedSettings()
        let level: Logger.Level = verbose == 0 ? .notice : verbose == 1 ? .info : .debug
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "trawl")
        var runtimeConfiguration = TrawlRuntime.Configuration(storePath: settings.storePath)
        runtimeConfiguration.defaultTenant = settings.defaultTenant
        runtimeConfiguration.maxConcurrentRuns = settings.maxConcurrentRuns
        runtimeConfiguration.tuning.addressPolicy = settings.allowPrivateNetworks ? .allowAll : .publicOnly
        runtimeConfiguration.embeddingProviders = settings.embeddingProviders
        // Manifests here are tenants': they pick the operator's providers by name or bring their own key.
        runtimeConfiguration.manifestsMayNameEnvironmentKeys = false
        let runtime: TrawlRuntime
        do { runtime = try await TrawlRuntime.open(configuration: runtimeConfiguration, logger: logger) } catch {
            throw CLIError(error.message)
        }
        let service = await runtime.makeService()
        do { try await service.start() } catch { throw CLIError(error.description) }

        var api = APIConfiguration()
        api.defaultTenant = settings.defaultTenant
        api.maxBodyBytes = settings.maxBodyBytes
        api.apiKeys = settings.apiKeys.map { APIKey(token: $0.token, tenants: $0.tenants) }
        api.metrics = runtime.metrics
        api.allowedHosts = settings.acceptedHostNames
        api.bodyTimeout = settings.bodyTimeout
        let router = buildRouter(service: service, configuration: api, logger: logger)
        // Connections beyond the cap wait in the kernel's backlog instead of taking descriptors the store and the
        // crawler need; a half-sent request head is closed after the idle timeout.
        let openFiles = ProcessTuning.raiseOpenFileLimit()
        let maxConnections = max(16, min(settings.maxConnections, openFiles - 512))
        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .milliseconds(
                settings.idleTimeout.components.seconds * 1_000 + settings.idleTimeout.components.attoseconds / 1_000_000_000_000_000))),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "trawl",
                                 availableConnectionsDelegate: MaximumAvailableConnections(maxConnections, logger: logger)),
            logger: logger)
        logger.notice("serving on http://\(settings.host):\(settings.port) with the store at \(runtime.storeLocation)")
        // SIGINT/SIGTERM end the server gracefully; triggers stop firing and executing runs are suspended and resume at the next start.
        try await app.runService()
        await service.shutdown()
    }

    func resolvedSettings() throws -> ServerConfiguration {
        var settings = ServerConfiguration()
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
        if !apiKeys.isEmpty { settings.apiKeys = apiKeys.map(ServerConfiguration.apiKey(flag:)) }
        if allowPrivateNetworks { settings.allowPrivateNetworks = true }
        if allowRemote { settings.allowUnauthenticatedRemote = true }
        do { try settings.validate() } catch { throw ValidationError(error.description) }
        return settings
    }
}
