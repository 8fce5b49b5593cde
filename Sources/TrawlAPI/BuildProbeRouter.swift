import Hummingbird
import Logging
import Prometheus
import TrawlCore

/// What a crawl worker serves: `/healthz`, `/readyz` and `/metrics`, nothing under `/v1`. The same request IDs,
/// error envelope and DNS-rebinding guard as the API.
public func buildProbeRouter<Service: CrawlService>(
    service: Service, metrics: PrometheusCollectorRegistry, allowedHosts: Set<String>?, logger: Logger
) -> Router<TrawlRequestContext> {
    let router = Router(context: TrawlRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ErrorMiddleware(logger: logger))
    router.add(middleware: RequestOriginMiddleware(allowedHosts: allowedHosts))
    HealthRoutes(service: service).register(on: router)
    MetricsRoutes(service: service, registry: metrics).register(on: router)
    return router
}
