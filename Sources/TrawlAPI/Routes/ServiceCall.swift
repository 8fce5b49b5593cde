import Logging
import TrawlCore

/// Runs one service call, converting its typed error to the API's; internal failures are logged here with the
/// request ID, because this is the last place that still knows what failed.
enum ServiceCall {
    /// Whose data a call reads or changes.
    enum Scope {
        /// One tenant's: the request must carry a tenant the tenant middleware resolved and checked.
        case tenant
        /// Nobody's in particular (process-wide figures for `/metrics`).
        case process
    }

    static func perform<T>(
        _ context: TrawlRequestContext, scope: Scope = .tenant, _ body: () async throws(ServiceError) -> T
    ) async throws(APIError) -> T {
        // The second lock on the door: routing and middleware agree today, but a tenant-scoped call must never run
        // for the empty tenant (which is where every row of a bypassed request would land) if they ever drift.
        if context.mayBeCrossSite { throw APIError.crossSiteRefused }
        if scope == .tenant, !TenantMiddleware.isValid(context.tenantID) {
            context.logger.error("tenant-scoped call without a resolved tenant; refused")
            throw APIError.unauthorized
        }
        if scope == .tenant, let allowed = context.allowedTenants, !allowed.contains(context.tenantID) {
            throw APIError.forbidden(tenant: context.tenantID)
        }
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
