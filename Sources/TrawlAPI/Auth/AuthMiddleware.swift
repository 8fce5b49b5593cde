import HTTPTypes
import Hummingbird

/// Requires a known bearer key on every request outside the open endpoints (`APIPath.open`) when keys are configured.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = TrawlRequestContext

    let keys: [APIKey]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !keys.isEmpty, APIPath.isGuarded(request.uri.path) else {
            return try await next(request, context)
        }
        guard let token = Self.bearerToken(request.headers[.authorization]),
              let key = keys.first(where: { Self.constantTimeEquals($0.token, token) })
        else { throw APIError.unauthorized }
        var context = context
        context.allowedTenants = key.tenants
        return try await next(request, context)
    }

    /// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// Compares without returning early, so response timing does not reveal how much of a key was right.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
