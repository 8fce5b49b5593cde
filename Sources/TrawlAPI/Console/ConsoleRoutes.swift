import Foundation
import HTTPTypes
import Hummingbird
import TrawlCore

/// The web console (`/ui/…`): pages rendered on the server over the same service, filters, cursors, documents and
/// tenancy as the API, so what an operator sees is what a client of the API would read. Forms post back to the
/// console (CSRF-checked) and redirect; `console.js` adds live updates and the rate chart.
struct ConsoleRoutes<Service: CrawlService> {
    let service: Service
    let bodyLimits: BodyLimits
    let keys: [APIKey]
    /// Reads a manifest written in YAML (or JSON); nil reads JSON only.
    let parseManifest: (@Sendable (String) throws -> ConfigValue)?

    var runs: RunRoutes<Service> { RunRoutes(service: service, bodyLimits: bodyLimits) }
    var runData: RunDataRoutes<Service> { RunDataRoutes(service: service) }

    func register(on router: Router<TrawlRequestContext>) {
        router.get("/") { _, _ in ConsolePage.redirect(to: "/ui/runs") }
        router.get("/ui") { _, _ in ConsolePage.redirect(to: "/ui/runs") }
        ConsoleAssets.register(on: router)
        page("/ui/sign-in", on: router) { request, context in signInPage(request, context) }
        router.post("/ui/sign-in") { request, context in try await signIn(request, context) }
        action("/ui/sign-out", on: router) { _, context, _ in signOut(context.console) }
        action("/ui/tenant", on: router) { _, context, form in chooseTenant(form, context.console) }
        registerRuns(on: router)
        registerJobs(on: router)
        page("/ui/search", on: router) { request, context in try await searchPage(request, context) }
    }

    /// A page: errors become HTML pages with the API's status and message.
    func page(_ path: String, on router: Router<TrawlRequestContext>,
              _ render: @escaping @Sendable (Request, TrawlRequestContext) async throws -> Response) {
        router.get(RouterPath(path)) { request, context in
            do {
                return try await render(request, context)
            } catch let error as APIError {
                return ConsolePage.failure(error, session: context.console)
            }
        }
    }

    /// A form post: the CSRF token is checked first, then `perform` answers (a redirect, or a page with a problem).
    func action(_ path: String, on router: Router<TrawlRequestContext>,
                _ perform: @escaping @Sendable (Request, TrawlRequestContext, ConsoleForm) async throws -> Response) {
        router.post(RouterPath(path)) { request, context in
            do {
                guard let session = context.console else { throw APIError.unauthorized }
                let form = try await ConsoleForm(request, session: session, limits: bodyLimits)
                // The token shows the form is the console's own, which is what the cross-site check asks of the API.
                var context = context
                context.mayBeCrossSite = false
                return try await perform(request, context, form)
            } catch let error as APIError {
                return ConsolePage.failure(error, session: context.console)
            }
        }
    }

    /// Calls the service as the API does (tenant checked, errors converted).
    func call<T>(_ context: TrawlRequestContext, _ body: () async throws(ServiceError) -> T) async throws(APIError) -> T {
        try await ServiceCall.perform(context, body)
    }

    // MARK: Signing in and the tenant

    private func signInPage(_ request: Request, _ context: TrawlRequestContext) -> Response {
        let next = ConsoleLinks.safeReturn((try? QueryParameters(query: request.uri.query))?.last("next"))
        if keys.isEmpty { return ConsolePage.redirect(to: next) }
        return ConsolePage.render("Sign in", section: .none, session: nil, signInForm(next: next))
    }

    private func signInForm(next: String) -> HTML {
        """
        <form class="stack" method="post" action="/ui/sign-in">
        <input type="hidden" name="next" value="\(next)">
        <label for="key">API key</label>
        <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
        <button type="submit">Sign in</button>
        </form>
        <p>The key is not kept: a pass it signs is, for 12 hours, in a cookie only this console reads
        (<code>HttpOnly</code>, <code>SameSite=Strict</code>).</p>
        """
    }

    private func signIn(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        guard let session = context.console else { throw APIError.unauthorized }
        // Signing in carries no token: there is no signed-in session yet to bind one to.
        let form = try await ConsoleForm(request, session: session, limits: bodyLimits, checkingToken: false)
        let next = ConsoleLinks.safeReturn(form.value("next"))
        // Any key the API takes: the cookie holds a pass, whose characters are cookie-safe whatever the key's are.
        guard let token = form.value("key"), keys.contains(where: { AuthMiddleware.constantTimeEquals($0.token, token) })
        else {
            return ConsolePage.render("Sign in", section: .none, session: nil, status: .unauthorized,
                                      problem: "That key is not one this server accepts.", signInForm(next: next))
        }
        var response = ConsolePage.redirect(to: next)
        // A new session with a pass the key signed (never the key itself), so a session ID set before signing in is
        // not the signed-in one.
        let pass = ConsolePass.mint(for: token, expiry: Date().addingTimeInterval(ConsolePass.lifetime))
        response.headers.append(HTTPField(name: .setCookie, value: session.cookie(ConsoleSession.keyCookie, pass,
                                                                                   maxAge: Int(ConsolePass.lifetime))))
        response.headers.append(HTTPField(name: .setCookie,
                                          value: session.cookie(ConsoleSession.sessionCookie, ConsoleSession.newID())))
        return response
    }

    private func signOut(_ session: ConsoleSession?) -> Response {
        var response = ConsolePage.redirect(to: "/ui/sign-in")
        guard let session else { return response }
        for name in [ConsoleSession.keyCookie, ConsoleSession.sessionCookie, ConsoleSession.tenantCookie] {
            response.headers.append(HTTPField(name: .setCookie, value: session.cookie(name, "", maxAge: 0)))
        }
        return response
    }

    private func chooseTenant(_ form: ConsoleForm, _ session: ConsoleSession?) -> Response {
        var response = ConsolePage.redirect(to: "/ui/runs")
        if let session, let tenant = form.value("tenant"), TenantMiddleware.isValid(tenant) {
            response.headers.append(HTTPField(name: .setCookie, value: session.cookie(ConsoleSession.tenantCookie, tenant)))
        }
        return response
    }
}
