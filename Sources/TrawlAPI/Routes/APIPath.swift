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

    /// True when `path` needs a key (when keys are configured) and a tenant from the API's headers: everything outside
    /// `open` and the console (which `ConsoleAuthMiddleware` guards with its cookies).
    static func isGuarded(_ path: String) -> Bool {
        let path = normalized(path)
        return !open.contains(path) && !isConsole(path)
    }

    /// The console's prefix.
    static let console = "/ui"

    /// Whether normalised `path` is the console's (`/ui` and below) or its front door (`/`, which redirects there).
    static func isConsole(_ path: String) -> Bool {
        path == "/" || path == console || path.hasPrefix(console + "/")
    }

    /// Console paths open without a key: the sign-in page and the static assets. Exact paths, normalised.
    static let consoleOpen: Set<String> = ["/", "/ui/sign-in", "/ui/assets/console.css", "/ui/assets/console.js"]
}
