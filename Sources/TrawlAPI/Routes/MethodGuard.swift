import HTTPTypes
import Hummingbird

/// Answers 405 (with `Allow`) for the methods a known path does not serve; Hummingbird alone would say 404.
enum MethodGuard {
    /// The methods the API could plausibly be asked for.
    private static let candidates: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    /// Registers a 405 responder at `path` for every candidate method outside `served`.
    static func restrict(_ path: RouterPath, to served: [HTTPRequest.Method], on router: Router<TrawlRequestContext>) {
        for method in candidates where !served.contains(method) {
            router.on(path, method: method) { _, _ -> Response in
                throw APIError.methodNotAllowed(allowed: served)
            }
        }
    }
}
