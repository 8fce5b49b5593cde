import Foundation
import Hummingbird
import struct HummingbirdCore.HTTP1Channel
import struct HummingbirdCore.MaximumAvailableConnections
import Logging
import ServiceLifecycle
import TrawlAPI
import TrawlCore
import TrawlRuntime

/// Runs a long-lived Trawl process (`trawl serve`, `trawl worker`): opens the runtime in its role, starts its service
/// (runs, pipelines, triggers, heartbeat), then runs it and the HTTP server as one ServiceLifecycle group until
/// SIGINT or SIGTERM: the server stops first, then the runtime suspends what it executes so that it resumes in the
/// next process.
struct ServerLauncher {
    var settings: ServerConfiguration
    var role: WorkerRole
    var verbose: Int
    /// How often to look for runs to pick up; nil for the runtime's default.
    var recoverySweep: Duration?
    /// Whether runs are crawled by many processes at once (on PostgreSQL).
    var shareRuns = false

    func run(router makeRouter: (TrawlService, TrawlRuntime, Logger) -> Router<TrawlRequestContext>) async throws {
        ProcessTuning.apply()
        let level: Logger.Level = verbose == 0 ? .notice : verbose == 1 ? .info : .debug
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "trawl")
        var configuration = TrawlRuntime.Configuration(storePath: settings.storePath)
        configuration.defaultTenant = settings.defaultTenant
        configuration.maxConcurrentRuns = settings.maxConcurrentRuns
        if let threads = settings.embeddingThreads { configuration.embeddingThreads = threads }
        configuration.tuning.addressPolicy = settings.allowPrivateNetworks ? .allowAll : .publicOnly
        configuration.embeddingProviders = settings.embeddingProviders
        // Manifests here are tenants': they pick the operator's providers by name or bring their own key.
        configuration.manifestsMayNameEnvironmentKeys = false
        configuration.role = role
        configuration.listenAddress = "\(settings.host):\(settings.port)"
        if let recoverySweep { configuration.recoverySweep = recoverySweep }
        configuration.shareRuns = shareRuns
        configuration.tenantLimits = settings.tenantLimits
        let runtime: TrawlRuntime
        do { runtime = try await TrawlRuntime.open(configuration: configuration, logger: logger) } catch {
            throw CLIError(error.description)
        }
        let service = await runtime.makeService()
        do { try await service.start() } catch { throw CLIError(error.description) }

        // Connections beyond the cap wait in the kernel's backlog instead of taking descriptors the store and the
        // crawler need; a half-sent request head is closed after the idle timeout.
        let openFiles = ProcessTuning.raiseOpenFileLimit()
        let maxConnections = max(16, min(settings.maxConnections, openFiles - 512))
        let idle = settings.idleTimeout.components
        // A request the HTTP parser refuses (a head over its limit, bytes that are not HTTP) is answered with the
        // error envelope too, not the server's bare 400.
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration()
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [MalformedRequestResponder(headLimit: decoder.maxHeaderListSize)],
            idleTimeout: .milliseconds(idle.seconds * 1_000 + idle.attoseconds / 1_000_000_000_000_000),
            httpDecoderConfiguration: decoder)
        let app = Application(
            router: makeRouter(service, runtime, logger),
            server: .http1(configuration: http),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "trawl",
                                 availableConnectionsDelegate: MaximumAvailableConnections(maxConnections, logger: logger)),
            logger: logger)
        logger.notice("serving on http://\(settings.host):\(settings.port) with the store at \(runtime.storeLocation)")
        switch role {
        case .serve: break
        case .api: logger.notice("API node: runs are left to `trawl worker` processes sharing the store")
        case .worker: logger.notice("worker \(runtime.claims.executor): executing runs; serving /healthz and /metrics only")
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: RuntimeService(service: service)), .init(service: app)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A slow client or a long export must not hold the drain until an orchestrator's SIGKILL, which would leave
        // this process's runs to expire instead of being handed on: after this, open requests are cancelled.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(20)
        let group = ServiceGroup(configuration: groupConfiguration)
        do { try await group.run() } catch {
            throw CLIError("could not serve on http://\(settings.host):\(settings.port): \(error)")
        }
    }
}
