import HTTPTypes
import Hummingbird
import Logging

/// Turns every failure into the shared error envelope, once, at the edge; unexpected ones are logged with the
/// request ID and answered with a message that never reveals internals.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = TrawlRequestContext

    /// Where unexpected failures are reported, tagged with the request ID.
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return JSONResponse.error(apiError(for: error, request: request, context: context))
        }
    }

    private func apiError(for error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError where error.status == .notFound:
            // Hummingbird's router answers unknown paths this way.
            return .notFound("no route for \(request.method.rawValue) \(request.uri.path)")
        case let error as HTTPError where error.status.code < 500:
            // Anything else Hummingbird itself refuses keeps its status but gets our envelope.
            return APIError(status: error.status, code: "bad_request", message: error.body ?? error.status.reasonPhrase)
        case let error as HTTPError:
            // A server-side failure's text is for the log, as every other 5xx is.
            logger.error("server error", metadata: [
                "request_id": .string(context.requestID), "error": .string(error.body ?? "\(error.status.code)"),
            ])
            return APIError(status: error.status, code: "internal", message: error.status.reasonPhrase)
        default:
            logger.error("unhandled error", metadata: [
                "request_id": .string(context.requestID),
                "error": .string(String(reflecting: error)),
                "method": .string(request.method.rawValue),
                "path": .string(request.uri.path),
            ])
            return .internal(requestID: context.requestID)
        }
    }
}
