import Prometheus
import TrawlCore

/// How the HTTP API behaves: default tenant, body limit, API keys and the metrics registry.
public struct APIConfiguration: Sendable {
    /// The tenant used when a request carries no `X-Tenant-Id`.
    public var defaultTenant = "default"
    /// The largest request body accepted, in bytes (413 beyond).
    public var maxBodyBytes = 1 << 20
    /// Longest a request body may take to arrive (408 beyond): a body sent a byte at a time cannot hold a
    /// connection and its handler forever.
    public var bodyTimeout: Duration = .seconds(30)
    /// Keys accepted in `Authorization: Bearer`; empty means no authentication.
    public var apiKeys: [APIKey] = []
    /// Host names requests may name in `Host` (lower case, no port, IPv6 without brackets); nil accepts any. The
    /// server sets it when no API keys are configured, against DNS rebinding.
    public var allowedHosts: Set<String>?
    /// Where `/metrics` reads from and request latencies go; the runtime shares it for the crawl counters.
    public var metrics = PrometheusCollectorRegistry()
    /// How the console reads manifests typed into it: YAML (which includes JSON) when the composition root supplies a
    /// reader, else JSON only.
    public var parseManifest: (@Sendable (String) throws -> ConfigValue)?

    /// The defaults: tenant `default`, 1 MiB bodies, no authentication.
    public init() {}
}
