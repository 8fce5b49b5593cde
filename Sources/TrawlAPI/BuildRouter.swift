import Crypto
import Foundation
import Hummingbird
import Logging
import TrawlCore

/// The whole HTTP API over `service`: middlewares (request ID, error envelope, auth, tenancy), then the routes.
public func buildRouter<Service: CrawlService>(
    service: Service, configuration: APIConfiguration, logger: Logger
) -> Router<TrawlRequestContext> {
    let router = Router(context: TrawlRequestContext.self)
    // Order matters: every response (errors included) gets a request ID and is timed with its final status;
    // every error gets the envelope;
    // a missing key is a 401 before a bad tenant header is judged.
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: HTTPMetricsMiddleware(registry: configuration.metrics))
    router.add(middleware: ErrorMiddleware(logger: logger))
    router.add(middleware: RequestOriginMiddleware(allowedHosts: configuration.allowedHosts))
    // The console's pages authenticate with cookies; the API's middlewares leave its paths to this one.
    router.add(middleware: ConsoleAuthMiddleware(keys: configuration.apiKeys, defaultTenant: configuration.defaultTenant,
                                                 processSecret: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }))
    router.add(middleware: AuthMiddleware(keys: configuration.apiKeys))
    router.add(middleware: TenantMiddleware(defaultTenant: configuration.defaultTenant))
    let limits = BodyLimits(maxBytes: configuration.maxBodyBytes, timeout: configuration.bodyTimeout)
    HealthRoutes(service: service).register(on: router)
    MetricsRoutes(service: service, registry: configuration.metrics).register(on: router)
    OpenAPIRoutes().register(on: router)
    JobRoutes(service: service, bodyLimits: limits).register(on: router)
    RunRoutes(service: service, bodyLimits: limits).register(on: router)
    RunDataRoutes(service: service).register(on: router)
    SearchRoutes(service: service).register(on: router)
    TriggerRoutes(service: service, bodyLimits: limits).register(on: router)
    WorkerRoutes(service: service).register(on: router)
    ConsoleRoutes(service: service, bodyLimits: limits, keys: configuration.apiKeys,
                  parseManifest: configuration.parseManifest).register(on: router)
    logger.debug("API routes registered", metadata: [
        "default_tenant": .string(configuration.defaultTenant),
        "auth": .string(configuration.apiKeys.isEmpty ? "off" : "\(configuration.apiKeys.count) keys"),
    ])
    return router
}
