import HTTPTypes
import Hummingbird

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

    /// `[A-Za-z0-9._-]{1,64}`.
    static func isValid(_ tenant: String) -> Bool {
        (1...64).contains(tenant.utf8.count)
            && tenant.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default:
                    false
                }
            }
    }
}
