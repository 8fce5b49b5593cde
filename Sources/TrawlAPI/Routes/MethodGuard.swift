import HTTPTypes
import Hummingbird

/// Answers 405 (with `Allow`) for the methods a known path does not serve; Hummingbird alone would say 404.
enum MethodGuard {
    /// Every method a client (or a scanner) could send to a known path. `TRACE` and `OPTIONS` included, so that the
    /// answer for a path is 405 rather than 404 whatever is tried; `HEAD` too, since no route answers it, and the
    /// draft `QUERY`.
    private static let candidates: [HTTPRequest.Method] = [
        .get, .head, .post, .put, .patch, .delete, .options, .trace, HTTPRequest.Method("QUERY")!,
    ]

    /// Registers a 405 responder at `path` for every candidate method outside `served`.
    static func restrict(_ path: RouterPath, to served: [HTTPRequest.Method], on router: Router<TrawlRequestContext>) {
        for method in candidates where !served.contains(method) {
            router.on(path, method: method) { _, _ -> Response in
                throw APIError.methodNotAllowed(allowed: served)
            }
        }
    }
}
