import Logging
import TrawlCore

/// Runs one service call, converting its typed error to the API's; internal failures are logged here with the
/// request ID, because this is the last place that still knows what failed.
enum ServiceCall {
    static func perform<T>(_ context: TrawlRequestContext, _ body: () async throws(ServiceError) -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch {
            if case .internal(let detail) = error {
                context.logger.error("service failure", metadata: ["detail": .string(detail)])
            }
            throw APIError(error, requestID: context.requestID)
        }
    }
}
