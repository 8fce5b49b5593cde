import Hummingbird
import Prometheus
import TrawlCore

/// `GET /metrics`: Prometheus text exposition of the crawl counters, request latencies and, read at scrape time,
/// runs by status and the size of the frontiers.
struct MetricsRoutes<Service: CrawlService> {
    let service: Service
    let registry: PrometheusCollectorRegistry

    func register(on router: Router<TrawlRequestContext>) {
        let runs = MetricNameDescriptor(namespace: "trawl", metricName: "runs", unitName: "",
                                        helpText: "Runs by status, across tenants.")
        let frontier = MetricNameDescriptor(namespace: "trawl", metricName: "frontier_urls", unitName: "",
                                            helpText: "URLs waiting in the frontiers of unfinished runs.")
        let runGauges = Dictionary(uniqueKeysWithValues: RunStatus.allCases.map {
            ($0, registry.makeGauge(descriptor: runs, labels: [("status", $0.rawValue)]))
        })
        let frontierGauge = registry.makeGauge(descriptor: frontier)
        router.get("/metrics") { _, context in
            let statistics = try await ServiceCall.perform(context, scope: .process) { () async throws(ServiceError) in
                try await service.statistics()
            }
            for (status, gauge) in runGauges { gauge.set(Double(statistics.runsByStatus[status] ?? 0)) }
            frontierGauge.set(Double(statistics.frontierURLs))
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        MethodGuard.restrict("/metrics", to: [.get], on: router)
    }
}
