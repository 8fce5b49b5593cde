import Prometheus

/// How the HTTP API behaves: default tenant, body limit, API keys and the metrics registry.
public struct APIConfiguration: Sendable {
    /// The tenant used when a request carries no `X-Tenant-Id`.
    public var defaultTenant = "default"
    /// The largest request body accepted, in bytes (413 beyond).
    public var maxBodyBytes = 1 << 20
    /// Keys accepted in `Authorization: Bearer`; empty means no authentication.
    public var apiKeys: [APIKey] = []
    /// Where `/metrics` reads from and request latencies go; the runtime shares it for the crawl counters.
    public var metrics = PrometheusCollectorRegistry()

    /// The defaults: tenant `default`, 1 MiB bodies, no authentication.
    public init() {}
}
