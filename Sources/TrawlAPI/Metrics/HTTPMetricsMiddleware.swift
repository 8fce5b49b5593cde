import Hummingbird
import Prometheus

/// Times every request into `trawl_http_request_duration_seconds`, labelled by method, route template (never the
/// raw path, which would make a series per ID) and status.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = TrawlRequestContext

    let registry: PrometheusCollectorRegistry
    private static var name: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "trawl", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                             helpText: "HTTP request latency.")
    }
    private static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        // The router fills the route template in after this middleware ran; the storage is shared, so it is
        // readable here. Unmatched paths share one series.
        let route = context.endpointPath ?? "unmatched"
        registry.makeDurationHistogram(descriptor: Self.name, labels: [
            ("method", request.method.rawValue), ("route", route), ("status", String(response.status.code)),
        ], buckets: Self.buckets).record(ContinuousClock.now - started)
        return response
    }
}
