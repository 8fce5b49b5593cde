import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Authentication and tenancy for the console's pages (`/ui/…`), which browsers reach with cookies instead of the
/// API's `Authorization` and `X-Tenant-Id` headers. The API's own middlewares leave console paths to this one, and
/// this one guards every console path but the sign-in page and the static assets.
///
/// With keys configured, a page without a valid key cookie redirects to the sign-in page (a form post is refused with
/// 401): the key cookie is the only credential, a pass signed with one of the configured keys (`ConsolePass`),
/// checked on every request. The tenant comes
/// from its cookie when the key allows it, else the default tenant (or the key's first). Without keys the server
/// accepts only loopback addresses and its own host names, as for the API (`RequestOriginMiddleware`).
struct ConsoleAuthMiddleware: RouterMiddleware {
    typealias Context = TrawlRequestContext

    let keys: [APIKey]
    let defaultTenant: String
    /// The secret CSRF tokens are made with when no keys are configured (bytes: `SymmetricKey` is not `Sendable`).
    let processSecret: Data

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = APIPath.normalized(request.uri.path)
        guard APIPath.isConsole(path) else { return try await next(request, context) }
        let cookies = ConsoleSession.cookies(request.headers[.cookie])
        let sessionID = cookies[ConsoleSession.sessionCookie].flatMap { ConsoleSession.isSessionID($0) ? $0 : nil }
        var key: APIKey?
        if !keys.isEmpty, let pass = cookies[ConsoleSession.keyCookie] {
            key = ConsolePass.key(of: pass, among: keys, now: Date())
        }
        if !keys.isEmpty && key == nil && !APIPath.consoleOpen.contains(path) {
            guard request.method == .get || request.method == .head else { throw APIError.unauthorized }
            return ConsolePage.redirect(to: ConsoleLinks.signIn(returningTo: request.uri.path, query: request.uri.query))
        }
        // A post from another site is refused whatever it carries: browsers say where a request comes from.
        if request.method == .post, !Self.isSameOrigin(request) { throw ConsoleForm.tokenRefused }
        let allowed = key?.tenants
        guard let tenant = Self.tenant(chosen: cookies[ConsoleSession.tenantCookie], allowed: allowed,
                                       defaultTenant: defaultTenant) else {
            // A key whose tenant list names no usable tenant may use none (as for the API's 403).
            throw APIError(status: .forbidden, code: "forbidden", message: "this API key may not access any tenant")
        }
        let id = sessionID ?? ConsoleSession.newID()
        let secret = ConsoleSession.csrfSecret(key: key?.token, processSecret: SymmetricKey(data: processSecret))
        var context = context
        context.tenantID = tenant
        context.allowedTenants = allowed
        var session = ConsoleSession(id: id, key: key?.token, tenant: tenant,
                                     allowedTenants: allowed,
                                     csrfToken: ConsoleSession.csrfToken(session: id, secret: secret))
        session.secure = ConsoleSession.cameOverHTTPS(request.headers[HTTPField.Name("X-Forwarded-Proto")!])
        context.console = session
        var response = try await next(request, context)
        // Not on the static assets, which shared caches may keep (`public`): one cached cookie would be everyone's.
        if sessionID == nil, !path.hasPrefix("/ui/assets/") {
            response.headers.append(HTTPField(name: .setCookie, value: session.cookie(ConsoleSession.sessionCookie, id)))
        }
        return response
    }

    /// The chosen tenant when it is valid and allowed, else the default (when allowed), else the first valid allowed
    /// one; nil when the key allows no valid tenant at all.
    static func tenant(chosen: String?, allowed: Set<String>?, defaultTenant: String) -> String? {
        if let chosen, TenantMiddleware.isValid(chosen), allowed?.contains(chosen) ?? true { return chosen }
        guard let allowed else { return defaultTenant }
        if allowed.contains(defaultTenant) { return defaultTenant }
        return allowed.filter(TenantMiddleware.isValid).sorted().first
    }

    /// False when the browser says the request comes from another site: `Sec-Fetch-Site` other than `same-origin` or
    /// `none`, or an `Origin` whose host and port are not the request's `Host`. A client that sends neither (not a
    /// browser) is judged by the CSRF token alone.
    static func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" { return false }
        guard let origin = request.headers[HTTPField.Name("Origin")!] else { return true }
        guard let host = request.head.authority?.lowercased(), origin != "null" else { return false }
        let authority = origin.lowercased().split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
        return authority.map(String.init) == host
    }
}
