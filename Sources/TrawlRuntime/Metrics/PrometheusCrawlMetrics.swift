import Prometheus
import TrawlCore

/// The crawl loop's counters as Prometheus series. Every series is created up front, so counting is one atomic
/// add: no registry lookup (and its lock) on the hot path. Each series carries the process's `worker` label (its
/// executor name, as `GET /v1/workers` shows it), so the series of many workers scraped into one Prometheus add up
/// and tell apart.
final class PrometheusCrawlMetrics: CrawlMetrics {
    private let pagesByClass: [Counter]
    private let failuresByKind: [FetchFailure.Kind: Counter]
    private let budgetsByLimit: [ParseBudget.Limit: Counter]

    init(registry: PrometheusCollectorRegistry, worker: String, role: WorkerRole) {
        let info = MetricNameDescriptor(namespace: "trawl", metricName: "worker_info",
                                        helpText: "Always 1: this process's worker name and role.")
        registry.makeGauge(descriptor: info, labels: [("worker", worker), ("role", role.rawValue)]).set(Int64(1))
        let pages = MetricNameDescriptor(namespace: "trawl", metricName: "pages_fetched", unitName: "total",
                                         helpText: "Responses recorded as pages, by status class.")
        pagesByClass = (1...5).map { registry.makeCounter(descriptor: pages, labels: [("worker", worker), ("status_class", "\($0)xx")]) }
        let failures = MetricNameDescriptor(namespace: "trawl", metricName: "fetch_errors", unitName: "total",
                                            helpText: "URLs that failed for good, by kind of failure.")
        failuresByKind = Dictionary(uniqueKeysWithValues: FetchFailure.Kind.allCases.map {
            ($0, registry.makeCounter(descriptor: failures, labels: [("worker", worker), ("kind", $0.rawValue)]))
        })
        let budgets = MetricNameDescriptor(namespace: "trawl", metricName: "parse_budget_exceeded", unitName: "total",
                                           helpText: "Pages whose parse was stopped by its budget, by limit.")
        budgetsByLimit = Dictionary(uniqueKeysWithValues: ParseBudget.Limit.allCases.map {
            ($0, registry.makeCounter(descriptor: budgets, labels: [("worker", worker), ("limit", $0.rawValue)]))
        })
    }

    func pageFetched(status: Int) {
        pagesByClass[min(max(status / 100, 1), 5) - 1].increment()
    }

    func fetchFailed(_ kind: FetchFailure.Kind) {
        failuresByKind[kind]?.increment()
    }

    func parseBudgetExceeded(_ limit: ParseBudget.Limit) {
        budgetsByLimit[limit]?.increment()
    }
}
