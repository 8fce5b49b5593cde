/// The path shapes the middlewares care about.
///
/// Authentication and tenancy are deny-by-default: every path is guarded unless, spelled the way the router reads
/// it, it is one of the few open endpoints. The router ignores empty segments (`//v1//jobs` reaches `/v1/jobs`), so a
/// test on the raw text ("starts with `/v1/`") would let such spellings through; comparing normalised paths against
/// an allow-list cannot be walked around that way, because a spelling the check does not recognise stays guarded.
enum APIPath {
    /// The versioned prefix every tenant-scoped endpoint lives under.
    static let version = "/v1"

    /// Endpoints open to everyone: probes, metrics and the API's own description. Exact paths, normalised.
    static let open: Set<String> = [
        "/healthz", "/readyz", "/metrics", "/.well-known/openapi.json", "/.well-known/docs",
    ]

    /// `path` as the router matches it: empty segments dropped, so `//v1///jobs/` is `/v1/jobs`.
    static func normalized(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return "/" + segments.joined(separator: "/")
    }

    /// True when `path` needs a key (when keys are configured) and a tenant: everything outside `open`.
    static func isGuarded(_ path: String) -> Bool {
        !open.contains(normalized(path))
    }
}
