import HTTPTypes
import Hummingbird
import TrawlCore

/// Resolves the tenant of every guarded request (all but `APIPath.open`) from `X-Tenant-Id` (else the default) and checks the key may use it.
struct TenantMiddleware: RouterMiddleware {
    typealias Context = TrawlRequestContext

    static let header = HTTPField.Name("X-Tenant-Id")!

    let defaultTenant: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard APIPath.isGuarded(request.uri.path) else { return try await next(request, context) }
        let tenant = request.headers[Self.header] ?? defaultTenant
        guard Self.isValid(tenant) else {
            throw APIError.badRequest("X-Tenant-Id must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'")
        }
        if let allowed = context.allowedTenants, !allowed.contains(tenant) {
            throw APIError.forbidden(tenant: tenant)
        }
        var context = context
        context.tenantID = tenant
        context.logger[metadataKey: "tenant"] = .string(tenant)
        return try await next(request, context)
    }

    /// `[A-Za-z0-9._-]{1,64}` (`Slug`).
    static func isValid(_ tenant: String) -> Bool { Slug.isValid(tenant) }
}
